package dev.p2pshare.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.agent.web.ApiUrlFile;
import dev.p2pshare.agent.web.ShareStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.core.ParameterizedTypeReference;

/** {@code p2p-share status [DIR]}: what a running agent shares and downloads. */
@Command(name = "status", usageHelpAutoWidth = true,
		description = "Show what the agent running in DIR shares and downloads, with a progress bar each.")
final class StatusCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	@Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = ".",
			description = "The directory the agent shares (default: the current directory).")
	Path directory;

	@Option(names = "--agent", paramLabel = "URL",
			description = "The agent's REST API, instead of the one DIR's agent wrote in DIR/.p2p/api-url.")
	URI agent;

	@Override
	public Integer call() throws IOException {
		URI api = this.agent;
		if (api == null) {
			Path file = ApiUrlFile.in(this.directory.toAbsolutePath().normalize());
			if (!Files.isRegularFile(file)) {
				PrintWriter err = this.spec.commandLine().getErr();
				err.printf(
						"No agent runs in %s (a running agent keeps its address in %s): "
								+ "start one with p2p-share seed or get, or name it with --agent URL.%n",
						this.directory.toAbsolutePath().normalize(), file);
				err.flush();
				return 1;
			}
			api = URI.create(Files.readString(file).strip());
		}
		return Http.ask(this.spec, api, "agent", "it may have stopped", (rest) -> {
			List<ShareStatus> shares = rest.get()
				.uri("/api/v1/shares")
				.retrieve()
				.body(new ParameterizedTypeReference<List<ShareStatus>>() {
				});
			List<DownloadStatus> downloads = rest.get()
				.uri("/api/v1/downloads")
				.retrieve()
				.body(new ParameterizedTypeReference<List<DownloadStatus>>() {
				});
			print(shares, downloads, this.spec.commandLine().getOut());
			return 0;
		});
	}

	private static void print(List<ShareStatus> shares, List<DownloadStatus> downloads, PrintWriter out) {
		out.printf("Sharing %d file(s)%n", shares.size());
		if (!shares.isEmpty()) {
			out.printf("%-32s %12s %8s %8s%n", "NAME", "SIZE", "CHUNKS", "HELD");
			for (ShareStatus share : shares) {
				out.printf("%-32s %12s %8d %8d%n", share.name(), ProgressBar.bytes(share.size()), share.chunkCount(),
						share.chunksHeld());
			}
		}
		out.printf("%d download(s)%n", downloads.size());
		int columns = TerminalWidth.columns();
		downloads.forEach((status) -> out.println(ProgressBar.render(status, columns)));
		out.flush();
	}

}
