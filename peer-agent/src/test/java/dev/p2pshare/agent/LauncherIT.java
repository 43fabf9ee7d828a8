package dev.p2pshare.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.p2pshare.agent.P2pShareCommand.Result;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/p2p-share}: each command run as a process, as a person types it, with its
 * exit status and what it prints; then each mistake a newcomer makes, with the one
 * sentence that answers it.
 */
class LauncherIT {

	@TempDir
	static Path shared;

	/** One tracker for the tests that need one; only the seed's test registers a file. */
	static TrackerProcess tracker;

	@TempDir
	Path root;

	@BeforeAll
	static void startTracker() throws Exception {
		tracker = TrackerProcess.start(shared);
	}

	@AfterAll
	static void stopTracker() throws InterruptedException {
		tracker.close();
	}

	@Test
	void trackerServesOnThePortAndDataItIsGiven() throws Exception {
		int port = freePort();
		Path log = this.root.resolve("tracker.log");
		Process tracker = P2pShareCommand.start(this.root, log, "tracker", "--port", String.valueOf(port), "--data",
				"registry");
		try {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
			HttpRequest ready = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
				.build();
			Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
				assertThat(tracker.isAlive()).as("the tracker runs: %s", Files.readString(log)).isTrue();
				return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			});
			assertThat(this.root.resolve("registry/tracker-db.mv.db")).isRegularFile();
		}
		finally {
			tracker.destroy();
			tracker.waitFor(30, TimeUnit.SECONDS);
		}
		Result help = P2pShareCommand.run(this.root, "tracker", "--help");
		assertThat(help.exitCode()).isZero();
		assertThat(help.output()).contains("Usage: p2p-share tracker").contains("--port=PORT").contains("--data=DIR");
	}

	@Test
	void seedLsStatusAndGetWorkTheSwarmFromTheCommandLine() throws Exception {
		Path original = SwarmFiles.randomFile(this.root.resolve("seed-files"), "movie.bin", 3 * 1024 * 1024, 5);
		Path seedLog = this.root.resolve("seed.log");
		Process seed = P2pShareCommand.start(this.root, seedLog, "seed", "seed-files", "--tracker",
				tracker.url().toString(), "--peer.chunk-size=256KB");
		try {
			tracker.awaitFiles(1);
			assertThat(Files.readString(seedLog))
				.contains("Telling other peers to reach this one at 127.0.0.1, the address it reaches the tracker from")
				.containsPattern("REST API on http://localhost:\\d+");

			Result ls = P2pShareCommand.run(this.root, "ls", "--tracker", tracker.url().toString());
			assertThat(ls.exitCode()).isZero();
			assertThat(ls.output()).contains("1 file(s) in the swarm")
				.containsPattern("movie\\.bin +3\\.0 MiB +12 +1 +0");

			Result status = P2pShareCommand.run(this.root, "status", "seed-files");
			assertThat(status.exitCode()).isZero();
			assertThat(status.output()).contains("Sharing 1 file(s)")
				.containsPattern("movie\\.bin +3\\.0 MiB +12 +12")
				.contains("0 download(s)");

			Result get = P2pShareCommand.run(this.root, "get", "movie.bin", "--to", "downloads", "--tracker",
					tracker.url().toString());
			assertThat(get.exitCode()).as(get.output()).isZero();
			assertThat(get.output()).contains("Getting movie.bin into " + this.root.resolve("downloads") + " (created)")
				.contains("100%")
				.contains("Verified and saved " + this.root.resolve("downloads/movie.bin"));
			assertThat(SwarmFiles.sha256(this.root.resolve("downloads/movie.bin")))
				.isEqualTo(SwarmFiles.sha256(original));
		}
		finally {
			seed.destroy();
			assertThat(seed.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(this.root.resolve("seed-files/.p2p/api-url")).as("removed when the agent stops").doesNotExist();
	}

	@Test
	void aSeedOfADirectoryThatDoesNotExistRefusesToStartAndSaysWhatToDo() throws Exception {
		Result seed = P2pShareCommand.run(this.root, "seed", "seed-filez");
		assertThat(seed.exitCode()).isEqualTo(1);
		assertThat(seed.output().strip()).isEqualTo("The share directory " + this.root.resolve("seed-filez")
				+ " does not exist, so this seed would share nothing. Name the directory that holds the files "
				+ "to share (p2p-share seed DIR, or --peer.share-dir=DIR), or create " + this.root.resolve("seed-filez")
				+ " first.");
	}

	@Test
	void aSeedSharingNoFileWarnsOnce() throws Exception {
		Files.createDirectories(this.root.resolve("empty"));
		Files.writeString(this.root.resolve("empty/.hidden"), "not shared");
		Path log = this.root.resolve("seed.log");
		Process seed = P2pShareCommand.start(this.root, log, "seed", "empty", "--tracker", tracker.url().toString(),
				"--peer.rescan-interval=1s");
		try {
			// the first scan and at least three more
			Awaitility.await()
				.atMost(Duration.ofSeconds(90))
				.until(() -> Files.readString(log).contains("Registered with tracker"));
			TimeUnit.SECONDS.sleep(4);
			String output = Files.readString(log);
			assertThat(output).containsOnlyOnce("Sharing no file: " + this.root.resolve("empty")
					+ " holds none to share (empty, hidden, *.part and *.tmp files are skipped");
		}
		finally {
			seed.destroy();
			seed.waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void aDownloadOfANameNobodySharesIsSaidOnceThenGivenUpOn() throws Exception {
		Result get = P2pShareCommand.run(this.root, "get", "nope.bin", "--wait", "3s", "--tracker",
				tracker.url().toString());
		assertThat(get.exitCode()).isEqualTo(1);
		assertThat(get.output())
			.containsOnlyOnce("The tracker knows no file named nope.bin: waiting for a peer to share it, "
					+ "for up to 3 s (peer.download-wait)")
			.contains("Gave up on nope.bin after 3 s (peer.download-wait): the tracker knows no file named nope.bin")
			.doesNotContain("\tat ");
	}

	@Test
	void lsWithNoTrackerSaysWhereItLookedAndWhatToDo() throws Exception {
		int port = freePort();
		Result ls = P2pShareCommand.run(this.root, "ls", "--tracker", "http://127.0.0.1:" + port);
		assertThat(ls.exitCode()).isEqualTo(1);
		assertThat(ls.output().strip()).isEqualTo("Cannot reach the tracker at http://127.0.0.1:" + port
				+ " (Connection refused): start one with p2p-share tracker, or name it with --tracker URL.");
	}

	@Test
	void statusWhereNoAgentRunsSaysSo() throws Exception {
		Result status = P2pShareCommand.run(this.root, "status");
		assertThat(status.exitCode()).isEqualTo(1);
		assertThat(status.output()).startsWith("No agent runs in " + this.root
				+ " (a running agent keeps its address in " + this.root.resolve(".p2p/api-url") + ")");
	}

	@Test
	void anAnswerThatIsNotAnAgentsIsSaidInOneLine() throws Exception {
		HttpServer notAnAgent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		notAnAgent.createContext("/", (exchange) -> {
			byte[] page = "<html>a web page</html>".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		notAnAgent.start();
		try {
			Result status = P2pShareCommand.run(this.root, "status", "--agent",
					"http://127.0.0.1:" + notAnAgent.getAddress().getPort());
			assertThat(status.exitCode()).isEqualTo(1);
			assertThat(status.output()).startsWith("p2p-share status: ").contains("text/html").doesNotContain("\tat ");
		}
		finally {
			notAnAgent.stop(0);
		}
		// the tracker's address where an agent's belongs
		Result tracker = P2pShareCommand.run(this.root, "status", "--agent", LauncherIT.tracker.url().toString());
		assertThat(tracker.exitCode()).isEqualTo(1);
		assertThat(tracker.output().strip())
			.isEqualTo("The agent at " + LauncherIT.tracker.url() + " answered 404: No static resource api/v1/shares.");
	}

	@Test
	void mistypedCommandsAndOptionsAreRefusedWithASuggestion() throws Exception {
		Result command = P2pShareCommand.run(this.root, "sede", "files");
		assertThat(command.exitCode()).isEqualTo(2);
		assertThat(command.output()).contains("Did you mean: p2p-share seed?")
			.contains("Run p2p-share --help for its options.");

		Result option = P2pShareCommand.run(this.root, "seed", "files", "--chunksize=1MB");
		assertThat(option.exitCode()).isEqualTo(2);
		assertThat(option.output())
			.contains("Unknown option: '--chunksize=1MB' (a Spring property is written " + "--name.of.property=value)");

		Result wait = P2pShareCommand.run(this.root, "get", "movie.bin", "--wait", "soon");
		assertThat(wait.exitCode()).isEqualTo(2);
		assertThat(wait.output()).contains("Invalid value for --wait: 'soon' (write a duration such as 30s or 10m)");

		Result help = P2pShareCommand.run(this.root);
		assertThat(help.exitCode()).isZero();
		assertThat(help.output()).contains("Usage: p2p-share")
			.contains("tracker")
			.contains("seed")
			.contains("get")
			.contains("menu")
			.contains("ls")
			.contains("status");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
