package dev.p2pshare.agent.cli;

import java.net.URI;
import java.util.concurrent.Callable;

import dev.p2pshare.dto.FileList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code p2p-share ls}: the swarm's files, as the tracker lists them. */
@Command(name = "ls", usageHelpAutoWidth = true,
		description = "List the swarm's files: size, chunks, and how many peers hold each whole or in part.")
final class ListCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	@Option(names = "--tracker", paramLabel = "URL", defaultValue = "http://localhost:8080",
			description = "The tracker (default: ${DEFAULT-VALUE}).")
	URI tracker;

	@Override
	public Integer call() {
		return Http.ask(this.spec, this.tracker, "tracker",
				"start one with p2p-share tracker, or name it with --tracker URL", (api) -> {
					FileTable.print(api.get().uri("/api/v1/files").retrieve().body(FileList.class),
							this.spec.commandLine().getOut());
					return 0;
				});
	}

}
