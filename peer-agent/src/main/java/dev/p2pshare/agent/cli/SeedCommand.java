package dev.p2pshare.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.p2pshare.agent.storage.MissingShareDirectoryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code p2p-share seed DIR}: shares a directory's files until stopped. */
@Command(name = "seed", sortOptions = false, usageHelpAutoWidth = true,
		description = "Share the files of DIR with the swarm until stopped (Ctrl-C). Files added to DIR "
				+ "later are shared too.",
		footer = { "", "Any Spring property is accepted too, e.g. --peer.server.upload-rate=8MB "
				+ "(docs/configuration.md)." })
final class SeedCommand extends AgentStart {

	@Parameters(paramLabel = "DIR", description = "The directory whose files to share; it must exist.")
	Path directory;

	@Override
	public Integer call() {
		springArguments();
		Path absolute = this.directory.toAbsolutePath().normalize();
		if (!Files.isDirectory(absolute)) {
			MissingShareDirectoryException missing = new MissingShareDirectoryException(absolute);
			PrintWriter err = this.spec.commandLine().getErr();
			err.println(missing.getMessage() + " " + missing.action());
			err.flush();
			return 1;
		}
		return super.call();
	}

	@Override
	List<String> properties() {
		return List.of("--peer.mode=seed", "--peer.share-dir=" + this.directory);
	}

}
