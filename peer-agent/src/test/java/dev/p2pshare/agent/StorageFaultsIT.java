package dev.p2pshare.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The disk of a downloading agent has no room for the file or fills up, or its share
 * directory turns read-only: the download fails with the system's own words for it,
 * nothing half-written appears under the file's name, and the agent goes on serving what
 * it has. The agent runs as its own process on a small tmpfs of its own
 * ({@link ConfinedAgent}).
 */
class StorageFaultsIT {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private static final int MIB = 1024 * 1024;

	/** The agent's default {@code peer.transfer.per-peer-in-flight}. */
	private static final int PER_PEER_IN_FLIGHT = 2;

	@TempDir
	Path root;

	private TrackerProcess tracker;

	private Agent seed;

	private Path preload;

	@BeforeEach
	void startSwarm() throws Exception {
		assumeThat(ConfinedAgent.available()).as("needs unshare and a mount namespace to give the agent a small disk")
			.isTrue();
		this.tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")));
		SwarmFiles.randomFile(this.root.resolve("seed"), "big.bin", 8 * MIB, 61);
		this.seed = Agent.start("seed", this.root.resolve("seed"), this.tracker.url(), "--peer.mode=seed",
				"--peer.chunk-size=256KB", "--peer.server.upload-rate=2MB");
		this.preload = this.root.resolve("preload");
		SwarmFiles.randomFile(this.preload, "small.bin", MIB, 62);
	}

	@AfterEach
	void stopSwarm() throws InterruptedException {
		if (this.seed != null) {
			this.seed.close();
		}
		if (this.tracker != null) {
			this.tracker.close();
		}
	}

	@Test
	void aDiskWithoutRoomForTheFileFailsTheDownloadBeforeItFetchesAnything() throws Exception {
		SwarmFiles.randomFile(this.preload, "ballast.bin", 8 * MIB, 63);
		try (ConfinedAgent confined = ConfinedAgent.start(this.root, "12m", this.preload, this.tracker.url())) {
			confined.api().download("big.bin");
			DownloadStatus failed = awaitEnd(confined);

			assertThat(failed.state()).isEqualTo(DownloadState.FAILED);
			assertThat(failed.message()).contains("big.bin").contains("No space left on device");
			assertThat(failed.chunksDone()).isZero();
			assertThat(failed.chunksBySource()).isEmpty();
			assertThat(failed.finishedAt()).as("when it failed").isAfterOrEqualTo(failed.startedAt());
			assertThat(confined.file("big.bin")).doesNotExist();

			Files.delete(confined.file("ballast.bin"));
			confined.api().download("big.bin");
			DownloadStatus done = awaitEnd(confined);
			assertThat(done.state()).as(done.message()).isEqualTo(DownloadState.COMPLETE);
			assertThat(SwarmFiles.sha256(confined.file("big.bin")))
				.isEqualTo(SwarmFiles.sha256(this.root.resolve("seed/big.bin")));
		}
	}

	@Test
	void withoutReservingItsSpaceAFullDiskFailsTheDownloadClearlyAndItResumesOnceThereIsRoom() throws Exception {
		SwarmFiles.randomFile(this.preload, "ballast.bin", 8 * MIB, 63);
		try (ConfinedAgent confined = ConfinedAgent.start(this.root, "12m", this.preload, this.tracker.url(),
				"--peer.transfer.preallocate=false")) {
			confined.api().download("big.bin");
			DownloadStatus failed = awaitEnd(confined);

			assertThat(failed.state()).isEqualTo(DownloadState.FAILED);
			assertThat(failed.message()).contains("big.bin").contains("No space left on device");
			assertThat(failed.chunksDone()).isPositive().isLessThan(failed.chunkCount());
			assertThat(confined.file("big.bin")).doesNotExist();
			assertServesSmallFile();

			Files.delete(confined.file("ballast.bin"));
			confined.api().download("big.bin");
			DownloadStatus done = awaitEnd(confined);
			assertThat(done.state()).as(done.message()).isEqualTo(DownloadState.COMPLETE);
			// the resume state could not be saved on the full disk: chunks verified since
			// its
			// last save are fetched again, the rest are kept
			assertThat(done.chunksResumed()).as("chunks written before the disk filled up are kept")
				.isPositive()
				.isLessThanOrEqualTo(failed.chunksDone());
			int fetched = done.chunksBySource().values().stream().mapToInt(Integer::intValue).sum();
			assertThat(fetched).isEqualTo(done.chunkCount() - done.chunksResumed());
			assertThat(SwarmFiles.sha256(confined.file("big.bin")))
				.isEqualTo(SwarmFiles.sha256(this.root.resolve("seed/big.bin")));
		}
	}

	@Test
	void aShareDirectoryTurnedReadOnlyFailsTheDownloadAndTheAgentServesOn() throws Exception {
		try (ConfinedAgent confined = ConfinedAgent.start(this.root, "32m", this.preload, this.tracker.url())) {
			confined.api().download("big.bin");
			await().atMost(PATIENCE).until(() -> confined.api().status("big.bin").chunksDone() >= 4);
			confined.makeShareDirReadOnly();
			DownloadStatus failed = awaitEnd(confined);

			double servedWhenFailed = this.seed.counter("agent.chunks.served");

			assertThat(failed.state()).isEqualTo(DownloadState.FAILED);
			assertThat(failed.message()).contains("big.bin")
				.contains("Read-only file system")
				.doesNotContain("Exception");
			assertThat(confined.file("big.bin")).doesNotExist();
			// at 2 MB/s the rest of the file would take 3 s: a failed download's
			// connections end with the chunks they had asked for, and ask nothing more
			TimeUnit.SECONDS.sleep(3);
			assertThat(this.seed.counter("agent.chunks.served")).as("chunks the seed sent after the download failed")
				.isLessThanOrEqualTo(servedWhenFailed + 2 * PER_PEER_IN_FLIGHT);
			assertServesSmallFile();
		}
	}

	/** Another leech fetches the preloaded file, which only the confined agent has. */
	private void assertServesSmallFile() throws Exception {
		await().atMost(PATIENCE).ignoreExceptions().until(() -> !this.tracker.completeSources("small.bin").isEmpty());
		try (Agent other = Agent.start("other", this.root.resolve("other"), this.tracker.url())) {
			other.download("small.bin");
			DownloadStatus done = other.awaitEnd("small.bin", PATIENCE);
			assertThat(done.state()).as(done.message()).isEqualTo(DownloadState.COMPLETE);
			assertThat(SwarmFiles.sha256(other.shareDir().resolve("small.bin")))
				.isEqualTo(SwarmFiles.sha256(this.preload.resolve("small.bin")));
		}
	}

	private static DownloadStatus awaitEnd(ConfinedAgent confined) {
		return confined.api().awaitEnd("big.bin", PATIENCE);
	}

}
