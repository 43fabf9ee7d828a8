package dev.p2pshare.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.PeerRegistration;
import dev.p2pshare.dto.PeerLocation;
import dev.p2pshare.dto.SharedFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Network faults between peers: a second source of the file sits behind a relay that
 * stalls mid-chunk, hangs up after half a chunk, or trickles bytes. The download still
 * ends with the right bytes, from the honest seed, and never waits on the broken source.
 */
class NetworkFaultsIT {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private static final int CHUNK = 256 * 1024;

	@TempDir
	Path root;

	private TrackerProcess tracker;

	private Agent seed;

	private Agent leech;

	@BeforeEach
	void startTracker() throws Exception {
		this.tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")));
	}

	@AfterEach
	void stopSwarm() throws InterruptedException {
		for (Agent agent : new Agent[] { this.leech, this.seed }) {
			if (agent != null) {
				agent.close();
			}
		}
		this.tracker.close();
	}

	@ParameterizedTest
	@EnumSource(FaultyRelay.Fault.class)
	void aBrokenSourceCostsRetriesNeverTheFile(FaultyRelay.Fault fault) throws Exception {
		// whole chunks only: every answer is longer than what the relay lets through
		// intact
		Path original = SwarmFiles.randomFile(this.root.resolve("seed"), "clip.mp4", 4 * 1024 * 1024, 21);
		String expected = SwarmFiles.sha256(original);
		this.seed = Agent.start("seed", this.root.resolve("seed"), this.tracker.url(), "--peer.mode=seed",
				"--peer.chunk-size=256KB", "--peer.server.upload-rate=1MB");
		RestClient trackerApi = RestClient.create(this.tracker.url().toString());
		FileLocations listed = await().atMost(PATIENCE)
			.ignoreExceptions()
			.until(() -> trackerApi.get().uri("/api/v1/files/clip.mp4/locations").retrieve().body(FileLocations.class),
					(locations) -> locations.peers().stream().anyMatch(PeerLocation::complete));
		SharedFile file = new SharedFile(listed.name(), listed.size(), listed.chunkSize(), listed.sha256(),
				listed.chunkHashes());

		try (FaultyRelay relay = new FaultyRelay(this.seed.tcpPort(), fault, CHUNK / 2)) {
			// the relay poses as a second peer holding the whole file
			trackerApi.post()
				.uri("/api/v1/register")
				.body(new PeerRegistration("relay", "127.0.0.1", relay.port(), List.of(file)))
				.retrieve()
				.toBodilessEntity();
			this.leech = Agent.start("leech", this.root.resolve("leech"), this.tracker.url(),
					"--peer.transfer.read-timeout=2s");

			this.leech.download("clip.mp4");
			await().atMost(PATIENCE)
				.until(() -> this.leech.status("clip.mp4").state(),
						(state) -> state == DownloadState.COMPLETE || state == DownloadState.FAILED);
			DownloadStatus done = this.leech.status("clip.mp4");

			assertThat(done.state()).as(done.message()).isEqualTo(DownloadState.COMPLETE);
			assertThat(SwarmFiles.sha256(this.leech.shareDir().resolve("clip.mp4"))).isEqualTo(expected);
			assertThat(relay.connections()).as("the leech tried the broken source").isPositive();
			assertThat(done.chunksBySource()).as("no chunk came through the broken source")
				.doesNotContainKey("relay")
				.containsOnlyKeys(this.seed.peerId());
			assertThat(done.chunksBySource().values().stream().mapToInt(Integer::intValue).sum())
				.isEqualTo(done.chunkCount());
		}
	}

}
