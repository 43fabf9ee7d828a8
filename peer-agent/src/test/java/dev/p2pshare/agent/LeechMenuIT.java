package dev.p2pshare.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The leech's terminal menu, typed into a real terminal as a user does. */
class LeechMenuIT {

	private static final Pattern BAR = Pattern.compile("movie\\.bin\\s+\\[[#.]+\\]\\s+(\\d+)%");

	@TempDir
	Path root;

	@Test
	void listsDownloadsWithAMovingBarShowsStatusAndExits() throws Exception {
		try (TrackerProcess tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")))) {
			Path original = SwarmFiles.randomFile(this.root.resolve("seed"), "movie.bin", 4 * 1024 * 1024, 42);
			try (Agent seed = Agent.start("seed", this.root.resolve("seed"), tracker.url(), "--peer.mode=seed",
					"--peer.chunk-size=128KB", "--peer.server.upload-rate=1MB")) {
				tracker.awaitFiles(1);

				List<String> leech = P2pShareCommand.commandLine("menu", this.root.resolve("leech").toString(),
						"--tracker", tracker.url().toString());
				try (Terminal terminal = Terminal.run(this.root.resolve("tmux.sock"), leech)) {
					Duration patience = Duration.ofSeconds(90);
					terminal.awaitScreen("the menu", (screen) -> screen.contains("1) List files  2) Download a file"),
							patience);

					terminal.typeLine("1");
					// the table's last line, then the menu again
					String listed = terminal.awaitScreen("the file list",
							(screen) -> screen.contains("1 file(s) in the swarm")
									&& screen.lastIndexOf("1) List files") > screen.indexOf("1 file(s) in the swarm"),
							patience);
					assertThat(listed).containsPattern("movie\\.bin\\s+4\\.0 MiB\\s+32\\s+1\\s+0");

					terminal.typeLine("2");
					terminal.awaitScreen("the file-name prompt", (screen) -> screen.contains("File name: "), patience);
					terminal.typeLine("movie.bin");
					Set<Integer> percentsSeen = new TreeSet<>();
					String downloaded = terminal.awaitScreen("the download complete", (screen) -> {
						Matcher bar = BAR.matcher(screen);
						while (bar.find()) {
							percentsSeen.add(Integer.parseInt(bar.group(1)));
						}
						return screen.substring(screen.lastIndexOf("File name: ")).contains("source(s) COMPLETE");
					}, patience);
					assertThat(percentsSeen).as("the bar moved, on this screen:%n%s", downloaded)
						.contains(100)
						.anyMatch((p) -> p > 0 && p < 100);

					terminal.typeLine("3");
					String status = terminal.awaitScreen("the status",
							(screen) -> screen.substring(screen.lastIndexOf("> 3")).contains("COMPLETE"), patience);
					assertThat(status.substring(status.lastIndexOf("> 3")))
						.containsPattern("movie\\.bin\\s+\\[#{30}\\] 100% 4\\.0 MiB/4\\.0 MiB\\s+32/32 chunks");

					terminal.typeLine("4");
					terminal.awaitScreen("the agent exiting", (screen) -> screen.contains("[exited 0]"), patience);
					assertThat(terminal.screen()).contains("Bye.");
				}
				assertThat(SwarmFiles.sha256(this.root.resolve("leech/movie.bin")))
					.isEqualTo(SwarmFiles.sha256(original));
			}
		}
	}

}
