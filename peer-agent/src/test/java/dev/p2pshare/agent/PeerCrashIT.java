package dev.p2pshare.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A seed running as its own process is killed with SIGKILL while it uploads: the leech
 * moves to the other seed and ends with the right bytes, and the tracker drops the dead
 * peer one TTL after its last heartbeat (6 s for the test tracker).
 */
class PeerCrashIT {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	@TempDir
	Path root;

	@Test
	void aSeedKilledMidUploadCostsOnlyARetryAndDropsOutOfTheRegistry() throws Exception {
		try (TrackerProcess tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")))) {
			Path original = SwarmFiles.randomFile(this.root.resolve("doomed"), "iso.img", 6 * 1024 * 1024, 51);
			Files.copy(original, Files.createDirectories(this.root.resolve("steady")).resolve("iso.img"));
			Process doomed = Agent.startProcess(this.root.resolve("doomed.log"), "--peer.mode=seed",
					"--peer.share-dir=" + this.root.resolve("doomed"), "--peer.tracker-url=" + tracker.url(),
					"--peer.chunk-size=256KB", "--peer.server.upload-rate=1MB");
			try (Agent steady = Agent.start("steady", this.root.resolve("steady"), tracker.url(), "--peer.mode=seed",
					"--peer.chunk-size=256KB", "--peer.server.upload-rate=1MB")) {
				await().atMost(PATIENCE).ignoreExceptions().until(() -> tracker.completeSources("iso.img").size() == 2);
				String doomedId = tracker.completeSources("iso.img")
					.stream()
					.filter((id) -> !id.equals(steady.peerId()))
					.findFirst()
					.orElseThrow();
				try (Agent leech = Agent.start("leech", this.root.resolve("leech"), tracker.url(),
						"--peer.transfer.read-timeout=3s")) {
					leech.download("iso.img");
					await().atMost(PATIENCE)
						.until(() -> leech.status("iso.img").chunksBySource().getOrDefault(doomedId, 0) >= 2);

					doomed.destroyForcibly();
					assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();

					DownloadStatus done = leech.awaitEnd("iso.img", PATIENCE);
					assertThat(done.state()).as(done.message()).isEqualTo(DownloadState.COMPLETE);
					assertThat(SwarmFiles.sha256(leech.shareDir().resolve("iso.img")))
						.isEqualTo(SwarmFiles.sha256(original));
					assertThat(done.chunksBySource()).containsKeys(doomedId, steady.peerId());
					await().atMost(PATIENCE)
						.untilAsserted(
								() -> assertThat(tracker.completeSources("iso.img")).as("the dead seed is dropped")
									.containsExactlyInAnyOrder(steady.peerId(), leech.peerId()));
				}
			}
			finally {
				doomed.destroyForcibly();
			}
		}
	}

}
