package dev.p2pshare.agent.cli;

import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code p2p-share menu [DIR]}: a leech driven from the terminal menu. */
@Command(name = "menu", sortOptions = false, usageHelpAutoWidth = true,
		description = "Join the swarm with a terminal menu: list the files, download one with a progress bar, "
				+ "show the downloads, exit. What lands in DIR is shared on while the menu runs.",
		footer = { "", "Any Spring property is accepted too (docs/configuration.md)." })
final class MenuCommand extends AgentStart {

	@Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = ".",
			description = "Where downloads land (default: the current directory; created if missing).")
	Path directory;

	@Override
	List<String> properties() {
		return List.of("--peer.mode=leech", "--peer.share-dir=" + this.directory.toAbsolutePath().normalize(),
				"--peer.menu=true");
	}

}
