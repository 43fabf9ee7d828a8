package dev.p2pshare.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.PeerLocation;
import dev.p2pshare.dto.PeerRegistration;
import dev.p2pshare.dto.SharedFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An honest seed throttled to 1 MB/s and, registered at the tracker beside it, an
 * impostor the test runs itself on loopback; then a leech downloads the file. For tests
 * of what a misbehaving source may cost a download.
 */
abstract class ImpostorScenario {

	static final Duration PATIENCE = Duration.ofSeconds(90);

	@TempDir
	Path root;

	TrackerProcess tracker;

	Agent seed;

	Agent leech;

	private RestClient trackerApi;

	@BeforeEach
	void startTracker() throws Exception {
		this.tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")));
		this.trackerApi = RestClient.create(this.tracker.url().toString());
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

	/**
	 * Starts the seed with a random file of whole 256 KiB chunks and waits until the
	 * tracker lists it.
	 * @return the file as the tracker describes it
	 */
	SharedFile seedFile(String name, int size, long randomSeed) throws Exception {
		SwarmFiles.randomFile(this.root.resolve("seed"), name, size, randomSeed);
		this.seed = Agent.start("seed", this.root.resolve("seed"), this.tracker.url(), "--peer.mode=seed",
				"--peer.chunk-size=256KB", "--peer.server.upload-rate=1MB");
		FileLocations listed = await().atMost(PATIENCE)
			.ignoreExceptions()
			.until(() -> this.trackerApi.get()
				.uri("/api/v1/files/{name}/locations", name)
				.retrieve()
				.body(FileLocations.class), (locations) -> locations.peers().stream().anyMatch(PeerLocation::complete));
		return new SharedFile(listed.name(), listed.size(), listed.chunkSize(), listed.sha256(), listed.chunkHashes());
	}

	/** Registers the impostor as a peer holding the whole file. */
	void registerImpostor(String peerId, int port, SharedFile file) {
		this.trackerApi.post()
			.uri("/api/v1/register")
			.body(new PeerRegistration(peerId, "127.0.0.1", port, List.of(file)))
			.retrieve()
			.toBodilessEntity();
	}

	/**
	 * Starts a leech, has it download the file to the end, and checks it holds the seed's
	 * bytes.
	 */
	DownloadStatus downloadToTheEnd(SharedFile file, String... leechProperties) throws Exception {
		this.leech = Agent.start("leech", this.root.resolve("leech"), this.tracker.url(), leechProperties);
		this.leech.download(file.name());
		DownloadStatus done = this.leech.awaitEnd(file.name(), PATIENCE);
		assertThat(done.state()).as(done.message()).isEqualTo(DownloadState.COMPLETE);
		assertThat(SwarmFiles.sha256(this.leech.shareDir().resolve(file.name())))
			.isEqualTo(SwarmFiles.sha256(this.root.resolve("seed").resolve(file.name())));
		assertThat(done.chunksBySource()).as("every chunk from the honest seed").containsOnlyKeys(this.seed.peerId());
		return done;
	}

}
