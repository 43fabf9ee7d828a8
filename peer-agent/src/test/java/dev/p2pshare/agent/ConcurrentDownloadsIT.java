package dev.p2pshare.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two downloads at once on one agent share its chunks in flight
 * ({@code peer.transfer.max-parallel-chunks}) fairly.
 */
class ConcurrentDownloadsIT {

	private static final int MAX_PARALLEL_CHUNKS = 4;

	@TempDir
	Path root;

	@Test
	void twoLargeDownloadsFromTwoSeedsShareTheChunksInFlightAndBothEndRight() throws Exception {
		try (TrackerProcess tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")))) {
			Path first = SwarmFiles.randomFile(this.root.resolve("seed-1"), "first.bin", 12 * 1024 * 1024, 1);
			Path second = SwarmFiles.randomFile(this.root.resolve("seed-2"), "second.bin", 12 * 1024 * 1024, 2);
			String[] seedProperties = { "--peer.mode=seed", "--peer.chunk-size=256KB",
					"--peer.server.upload-rate=3MB" };
			try (Agent seed1 = Agent.start("seed-1", this.root.resolve("seed-1"), tracker.url(), seedProperties);
					Agent seed2 = Agent.start("seed-2", this.root.resolve("seed-2"), tracker.url(), seedProperties);
					Agent leech = Agent.start("leech", this.root.resolve("leech"), tracker.url(),
							"--peer.transfer.max-parallel-chunks=" + MAX_PARALLEL_CHUNKS,
							"--peer.transfer.per-peer-in-flight=" + MAX_PARALLEL_CHUNKS)) {
				tracker.awaitFiles(2);

				leech.download("first.bin");
				leech.download("second.bin");
				int samples = 0;
				int mostInFlight = 0;
				int mostAtStart = 0;
				long[] inFlightSum = new long[2];
				List<DownloadStatus> both = leech.downloads();
				while (both.stream().allMatch((status) -> status.state() == DownloadState.DOWNLOADING)) {
					int agentWide = (int) leech.activeDownloads();
					mostAtStart = Math.max(mostAtStart, agentWide);
					// first.bin asked for its first chunks alone, with all of them
					if (both.get(0).chunksDone() >= MAX_PARALLEL_CHUNKS) {
						mostInFlight = Math.max(mostInFlight, agentWide);
					}
					for (int i = 0; i < 2; i++) {
						inFlightSum[i] += both.get(i).chunksInFlight();
					}
					samples++;
					TimeUnit.MILLISECONDS.sleep(50);
					both = leech.downloads();
				}
				System.out.printf(
						"two downloads at once, %d samples while both ran: chunks in flight on average %.2f (first.bin)"
								+ " and %.2f (second.bin), agent-wide at most %d of %d (%d while first.bin's first chunks,"
								+ " asked alone, were in flight)%n",
						samples, (double) inFlightSum[0] / samples, (double) inFlightSum[1] / samples, mostInFlight,
						MAX_PARALLEL_CHUNKS, mostAtStart);

				assertThat(leech.awaitEnd("first.bin", Duration.ofSeconds(90)).state())
					.isEqualTo(DownloadState.COMPLETE);
				assertThat(leech.awaitEnd("second.bin", Duration.ofSeconds(90)).state())
					.isEqualTo(DownloadState.COMPLETE);
				assertThat(SwarmFiles.sha256(this.root.resolve("leech/first.bin"))).isEqualTo(SwarmFiles.sha256(first));
				assertThat(SwarmFiles.sha256(this.root.resolve("leech/second.bin")))
					.isEqualTo(SwarmFiles.sha256(second));
				assertThat(samples).as("both downloads ran at the same time").isGreaterThan(10);
				assertThat(mostInFlight).as("chunks in flight on the agent, at most")
					.isLessThanOrEqualTo(MAX_PARALLEL_CHUNKS);
				for (int i = 0; i < 2; i++) {
					assertThat((double) inFlightSum[i] / samples).as("download %d's chunks in flight on average", i)
						.isGreaterThanOrEqualTo(1.0);
				}
			}
		}
	}

}
