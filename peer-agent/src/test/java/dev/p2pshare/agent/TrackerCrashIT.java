package dev.p2pshare.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.dto.ChunkRange;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.PeerLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tracker killed (not stopped) in the middle of a swarm download and started again on
 * the same data: the peers keep trading chunks meanwhile from what they last heard, come
 * back to the tracker by themselves, and every leech ends with the right bytes; the
 * registry afterwards lists exactly the peers that hold the file, each with every chunk.
 */
class TrackerCrashIT {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	@TempDir
	Path root;

	private TrackerProcess tracker;

	private final List<Agent> agents = new ArrayList<>();

	@AfterEach
	void stopSwarm() throws InterruptedException {
		this.agents.forEach(Agent::close);
		if (this.tracker != null) {
			this.tracker.close();
		}
	}

	@Test
	void aSwarmOutlivesATrackerCrashAndTheRegistryComesBackExact() throws Exception {
		this.tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")));
		RestClient trackerApi = RestClient.create(this.tracker.url().toString());
		Path original = SwarmFiles.randomFile(this.root.resolve("seed"), "backup.tar", 8 * 1024 * 1024, 31);
		String expected = SwarmFiles.sha256(original);
		Agent seed = agent("seed", "--peer.mode=seed", "--peer.chunk-size=256KB", "--peer.server.upload-rate=1MB");
		await().atMost(PATIENCE)
			.ignoreExceptions()
			.until(() -> locations(trackerApi).peers().stream().anyMatch(PeerLocation::complete));
		List<Agent> leeches = List.of(agent("leech-1", "--peer.server.upload-rate=1MB"),
				agent("leech-2", "--peer.server.upload-rate=1MB"));
		leeches.forEach((leech) -> leech.download("backup.tar"));
		await().atMost(PATIENCE).until(() -> leeches.stream().allMatch((leech) -> chunksDone(leech) >= 4));

		this.tracker.kill();
		int before = leeches.stream().mapToInt(TrackerCrashIT::chunksDone).sum();
		await().atMost(PATIENCE)
			.alias("chunks keep arriving while the tracker is down")
			.until(() -> leeches.stream().mapToInt(TrackerCrashIT::chunksDone).sum() >= before + 4);
		this.tracker.launch();

		for (Agent leech : leeches) {
			DownloadStatus done = leech.awaitEnd("backup.tar", PATIENCE);
			assertThat(done.state()).as(done.message()).isEqualTo(DownloadState.COMPLETE);
			assertThat(SwarmFiles.sha256(leech.shareDir().resolve("backup.tar"))).isEqualTo(expected);
		}
		List<String> holders = List.of(seed.peerId(), leeches.get(0).peerId(), leeches.get(1).peerId());
		await().atMost(PATIENCE).untilAsserted(() -> {
			FileLocations locations = locations(trackerApi);
			assertThat(locations.peers()).extracting(PeerLocation::peerId)
				.as("no peer lost, none that does not hold the file")
				.containsExactlyInAnyOrderElementsOf(holders);
			assertThat(locations.peers()).allSatisfy((peer) -> {
				assertThat(peer.complete()).isTrue();
				assertThat(peer.chunks()).containsExactly(new ChunkRange(0, locations.chunkCount() - 1));
			});
		});
	}

	private Agent agent(String name, String... properties) throws Exception {
		Agent agent = Agent.start(name, this.root.resolve(name), this.tracker.url(), properties);
		this.agents.add(agent);
		return agent;
	}

	private static FileLocations locations(RestClient trackerApi) {
		return trackerApi.get().uri("/api/v1/files/backup.tar/locations").retrieve().body(FileLocations.class);
	}

	private static int chunksDone(Agent leech) {
		return leech.status("backup.tar").chunksDone();
	}

}
