package dev.p2pshare.agent.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import dev.p2pshare.agent.config.PeerProperties;
import dev.p2pshare.agent.download.DownloadManager;
import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.agent.tracker.TrackerClient;
import dev.p2pshare.agent.tracker.TrackerSync;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * The leech's terminal menu, as in the original design: list the swarm's files, download
 * one with a live progress bar, show every download, exit. Shown only in leech mode, with
 * a terminal attached and no {@code peer.download}; the REST API works either way.
 */
@Component
class LeechMenu implements ApplicationRunner {

	private final PeerProperties properties;

	private final TrackerClient tracker;

	private final TrackerSync sync;

	private final DownloadManager downloads;

	private final ConfigurableApplicationContext context;

	private final LoggingSystem logging;

	LeechMenu(PeerProperties properties, TrackerClient tracker, TrackerSync sync, DownloadManager downloads,
			ConfigurableApplicationContext context, LoggingSystem logging) {
		this.logging = logging;
		this.properties = properties;
		this.tracker = tracker;
		this.sync = sync;
		this.downloads = downloads;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException, InterruptedException {
		Console console = System.console();
		if (this.properties.mode() != PeerProperties.Mode.LEECH || !this.properties.menu() || console == null
				|| !this.properties.download().isEmpty()) {
			return;
		}
		// the menu owns the terminal: only warnings and errors interrupt it
		this.logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
		PrintWriter out = console.writer();
		BufferedReader in = new BufferedReader(console.reader());
		out.printf("%np2p-share peer %s, tracker %s%n", this.sync.peerId(), this.properties.trackerUrl());
		while (true) {
			out.printf("%n1) List files  2) Download a file  3) Status  4) Exit%n> ");
			out.flush();
			String choice = in.readLine();
			if (choice == null || choice.trim().equals("4")) {
				out.println("Bye.");
				out.flush();
				System.exit(SpringApplication.exit(this.context, () -> 0));
				return;
			}
			switch (choice.trim()) {
				case "1" -> listFiles(out);
				case "2" -> {
					out.print("File name: ");
					out.flush();
					String name = in.readLine();
					if (name != null && !name.isBlank()) {
						download(name.trim(), out);
					}
				}
				case "3" -> showStatus(out);
				default -> out.println("Choose 1, 2, 3 or 4.");
			}
		}
	}

	private void listFiles(PrintWriter out) {
		try {
			FileTable.print(this.tracker.files(), out);
		}
		catch (RestClientException ex) {
			out.println("The tracker did not answer: " + ex.getMessage());
		}
	}

	private void download(String name, PrintWriter out) throws InterruptedException {
		DownloadStatus status;
		try {
			status = this.downloads.start(name);
		}
		catch (RuntimeException ex) {
			out.println("Cannot download " + name + ": " + ex.getMessage());
			return;
		}
		ProgressPrinter.follow(this.downloads, status, out, true);
	}

	private void showStatus(PrintWriter out) {
		List<DownloadStatus> all = this.downloads.list();
		if (all.isEmpty()) {
			out.println("No downloads yet.");
		}
		int columns = TerminalWidth.columns();
		all.forEach((status) -> out.println(ProgressBar.render(status, columns)));
	}

}
