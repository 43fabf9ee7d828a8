package dev.p2pshare.agent;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A leech running as its own process is killed with SIGKILL mid-download; while it is
 * down one verified chunk of its partial file is scribbled on and the file is cut short
 * before another. Started again, it resumes by itself, trusts neither damaged chunk,
 * fetches exactly what is missing, ends with the right bytes, and is listed under the
 * same peer id (it kept its secret across the crash).
 */
class LeechCrashIT {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private static final int CHUNK = 256 * 1024;

	@TempDir
	Path root;

	@Test
	void aLeechKilledMidDownloadResumesDistrustingWhatWasDamagedWhileItWasDown() throws Exception {
		try (TrackerProcess tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")));
				Agent seed = Agent.start("seed", this.root.resolve("seed"), tracker.url(), "--peer.mode=seed",
						"--peer.chunk-size=256KB", "--peer.server.upload-rate=1MB")) {
			Path original = SwarmFiles.randomFile(seed.shareDir(), "video.mp4", 32 * CHUNK, 71);
			String expected = SwarmFiles.sha256(original);
			Path leechDir = Files.createDirectories(this.root.resolve("leech"));
			int port = TrackerProcess.freePort();
			String[] leechProperties = { "--server.port=" + port, "--peer.share-dir=" + leechDir,
					"--peer.tracker-url=" + tracker.url(), "--peer.transfer.locations-refresh=500ms" };
			AgentApi leech = new AgentApi(port);
			await().atMost(PATIENCE).ignoreExceptions().until(() -> tracker.completeSources("video.mp4").size() == 1);

			Process first = Agent.startProcess(this.root.resolve("leech-1.log"), leechProperties);
			BitSet claimed;
			try {
				leech.awaitReady(PATIENCE);
				leech.download("video.mp4");
				await().atMost(PATIENCE)
					.ignoreExceptions()
					.until(() -> SwarmFiles.countVerifiedInState(leechDir, expected) >= 12);
			}
			finally {
				first.destroyForcibly();
				assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
			}
			String peerId = Files.readString(leechDir.resolve(".p2p/peer-id")).trim();
			claimed = SwarmFiles.verifiedInState(leechDir, expected);
			int scribbled = claimed.nextSetBit(0);
			int cut = claimed.previousSetBit(claimed.length());
			Path part = SwarmFiles.partialFile(leechDir, expected, ".part");
			try (FileChannel bytes = FileChannel.open(part, StandardOpenOption.WRITE)) {
				bytes.write(ByteBuffer.wrap(new byte[] { 1, 2, 3, 4 }), (long) scribbled * CHUNK + 1000);
				bytes.truncate((long) cut * CHUNK + CHUNK / 2);
			}

			Process second = Agent.startProcess(this.root.resolve("leech-2.log"), leechProperties);
			try {
				DownloadStatus done = leech.awaitEnd("video.mp4", PATIENCE);
				assertThat(done.state()).as(done.message()).isEqualTo(DownloadState.COMPLETE);
				assertThat(SwarmFiles.sha256(leechDir.resolve("video.mp4"))).isEqualTo(expected);
				assertThat(done.chunksResumed()).as("every claimed chunk but the two damaged ones")
					.isEqualTo(claimed.cardinality() - 2);
				int fetched = done.chunksBySource().values().stream().mapToInt(Integer::intValue).sum();
				assertThat(fetched).isEqualTo(done.chunkCount() - done.chunksResumed());
				await().atMost(PATIENCE)
					.untilAsserted(() -> assertThat(tracker.completeSources("video.mp4")).contains(peerId));
			}
			finally {
				second.destroyForcibly();
				second.waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

}
