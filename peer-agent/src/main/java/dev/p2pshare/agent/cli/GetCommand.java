package dev.p2pshare.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import org.springframework.boot.convert.DurationStyle;

/**
 * {@code p2p-share get NAME}: downloads one file with a progress bar and exits, 0 when it
 * is verified and 1 when not, as {@code aria2c} does.
 */
@Command(name = "get", sortOptions = false, usageHelpAutoWidth = true,
		description = "Download the file NAME from the swarm, verify every chunk and the whole file, and exit: "
				+ "status 0 when it is verified, 1 when it is not. A download stopped half-way resumes "
				+ "where it stopped.",
		footer = { "", "Any Spring property is accepted too, e.g. --peer.transfer.download-rate=4MB "
				+ "(docs/configuration.md)." })
final class GetCommand extends AgentStart {

	@Parameters(paramLabel = "NAME", description = "The file's name in the swarm (p2p-share ls lists them).")
	String name;

	@Option(names = "--to", paramLabel = "DIR", defaultValue = ".",
			description = "Where the file lands (default: the current directory; created if missing).")
	Path to;

	@Option(names = "--wait", paramLabel = "DURATION", defaultValue = "1m",
			description = "How long to wait for a peer to share NAME before giving up (default: 1m; "
					+ "e.g. 30s, 10m).")
	String waitFor;

	@Override
	List<String> properties() {
		Duration wait;
		try {
			wait = DurationStyle.detectAndParse(this.waitFor);
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(this.spec.commandLine(),
					"Invalid value for --wait: '" + this.waitFor + "' (write a duration such as 30s or 10m)");
		}
		Path directory = this.to.toAbsolutePath().normalize();
		PrintWriter out = this.spec.commandLine().getOut();
		out.printf("Getting %s into %s%s%n", this.name, directory, Files.isDirectory(directory) ? "" : " (created)");
		out.flush();
		return List.of("--peer.mode=leech", "--peer.share-dir=" + directory, "--peer.download[0]=" + this.name,
				"--peer.exit-after-download=true", "--peer.download-wait=" + wait.toMillis() + "ms",
				"--peer.menu=false", "--peer.progress-bar=true", "--logging.level.root=WARN",
				"--logging.pattern.console=%m%n");
	}

}
