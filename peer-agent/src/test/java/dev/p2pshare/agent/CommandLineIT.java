package dev.p2pshare.agent;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent as users start it: {@code java -jar peer-agent.jar} with properties. */
class CommandLineIT {

	@TempDir
	Path root;

	@Test
	void aLeechDownloadsByNameLogsProgressAndExitsWhenAsked() throws Exception {
		try (TrackerProcess tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")))) {
			Path original = SwarmFiles.randomFile(this.root.resolve("seed"), "song.flac", 3 * 1024 * 1024, 9);
			try (Agent seed = Agent.start("seed", this.root.resolve("seed"), tracker.url(), "--peer.mode=seed",
					"--peer.chunk-size=128KB", "--peer.server.upload-rate=1MB")) {
				tracker.awaitFiles(1);

				Path log = this.root.resolve("leech.log");
				Process leech = Agent.startProcess(log, "--peer.mode=leech",
						"--peer.share-dir=" + this.root.resolve("leech"), "--peer.tracker-url=" + tracker.url(),
						"--peer.download=song.flac", "--peer.exit-after-download=true");
				assertThat(leech.waitFor(120, TimeUnit.SECONDS)).as("the leech exits by itself").isTrue();
				assertThat(leech.exitValue()).isZero();
				assertThat(SwarmFiles.sha256(this.root.resolve("leech/song.flac")))
					.isEqualTo(SwarmFiles.sha256(original));
				assertThat(Files.readString(log))
					.contains("Created the share directory " + this.root.resolve("leech") + ", where downloads land")
					.contains("song.flac: ")
					.contains("chunks")
					.contains("Downloaded song.flac")
					.contains("exiting as peer.exit-after-download asks");
			}
		}
	}

	@Test
	void aChunkServerPortInUseIsSaidInOneReportWithWhatToDo() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Path log = this.root.resolve("agent.log");
			Process agent = Agent.startProcess(log, "--peer.mode=leech",
					"--peer.share-dir=" + this.root.resolve("share"), "--peer.tracker-url=http://127.0.0.1:9",
					"--peer.tcp-port=" + taken.getLocalPort());
			assertThat(agent.waitFor(120, TimeUnit.SECONDS)).as("the agent exits by itself").isTrue();
			assertThat(agent.exitValue()).isNotZero();
			assertThat(Files.readString(log)).contains("APPLICATION FAILED TO START")
				.contains("The chunk server could not listen on TCP port " + taken.getLocalPort()
						+ ": another process already uses it.")
				.contains("--peer.tcp-port=N (0 picks a free one)")
				.doesNotContain("\tat ");
		}
	}

	@Test
	void aSeedOfAShareDirectoryThatDoesNotExistIsRefusedInOneReportWithWhatToDo() throws Exception {
		Path log = this.root.resolve("agent.log");
		Path missing = this.root.resolve("seed-filez");
		Process agent = Agent.startProcess(log, "--peer.mode=seed", "--peer.share-dir=" + missing,
				"--peer.tracker-url=http://127.0.0.1:9");
		assertThat(agent.waitFor(120, TimeUnit.SECONDS)).as("the agent exits by itself").isTrue();
		assertThat(agent.exitValue()).isNotZero();
		assertThat(Files.readString(log)).contains("APPLICATION FAILED TO START")
			.contains("The share directory " + missing + " does not exist, so this seed would share nothing.")
			.contains("or create " + missing + " first.")
			.doesNotContain("\tat ");
		assertThat(missing).doesNotExist();
	}

	@Test
	void refusesToStartWhenItsChunksInFlightDoNotFitInTheMemoryOutsideTheHeap() throws Exception {
		Path log = this.root.resolve("agent.log");
		// the default peer.transfer.buffer-memory is 64MB
		Process agent = Agent.startProcess(log, List.of("-XX:MaxDirectMemorySize=16m"), "--peer.mode=leech",
				"--peer.share-dir=" + this.root.resolve("share"), "--peer.tracker-url=http://127.0.0.1:9");
		assertThat(agent.waitFor(120, TimeUnit.SECONDS)).as("the agent exits by itself").isTrue();
		assertThat(agent.exitValue()).isNotZero();
		assertThat(Files.readString(log)).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '67108864B' for configuration property 'peer.transfer.buffer-memory'")
			.contains("this JVM allows 16777216 bytes there (-XX:MaxDirectMemorySize");
	}

}
