package dev.p2pshare.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.p2pshare.dto.FileList;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.FileSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A seed keeps the tracker in step with its share directory, and with the tracker's
 * restarts.
 */
class SeedSyncIT {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@TempDir
	Path root;

	private TrackerProcess tracker;

	private RestClient trackerApi;

	private Agent seed;

	@BeforeEach
	void startTracker() throws Exception {
		this.tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")));
		this.trackerApi = RestClient.builder().baseUrl(this.tracker.url().toString()).build();
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (this.seed != null) {
			this.seed.close();
		}
		this.tracker.close();
	}

	@Test
	void onlyMatchingFilesAreSharedAndChangesReachTheTracker() throws Exception {
		Path share = this.root.resolve("share");
		SwarmFiles.randomFile(share, "movie.iso", 100_000, 1);
		SwarmFiles.randomFile(share, "notes.txt", 1000, 2);
		SwarmFiles.randomFile(share, "draft.iso.tmp", 1000, 3);
		SwarmFiles.randomFile(share, ".hidden.iso", 1000, 4);
		this.seed = Agent.start("seed", share, this.tracker.url(), "--peer.mode=seed", "--peer.include=*.iso");
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(listed()).containsExactly("movie.iso"));

		SwarmFiles.randomFile(share, "later.iso", 50_000, 5);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(listed()).containsExactly("later.iso", "movie.iso"));

		Files.delete(share.resolve("movie.iso"));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(listed()).containsExactly("later.iso"));

		SwarmFiles.randomFile(share, "later.iso", 60_000, 6);
		String changed = SwarmFiles.sha256(share.resolve("later.iso"));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(files()).extracting(FileSummary::sha256).containsExactly(changed));
	}

	@Test
	void hashesAreComputedOnceAndReusedAfterARestart() throws Exception {
		Path share = this.root.resolve("share");
		SwarmFiles.randomFile(share, "big.bin", 3_000_000, 7);
		this.seed = Agent.start("seed", share, this.tracker.url(), "--peer.mode=seed");
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(listed()).containsExactly("big.bin"));
		assertThat(this.seed.counter("agent.files.hashed")).isEqualTo(1);

		this.seed.close();
		this.seed.launch();
		await().atMost(PATIENCE).until(this.seed::isRegistered);
		assertThat(listed()).containsExactly("big.bin");
		assertThat(this.seed.counter("agent.files.hashed")).as("read from the hash cache").isZero();
	}

	@Test
	void aSeedOutlivesATrackerThatComesBackEmpty() throws Exception {
		Path share = this.root.resolve("share");
		SwarmFiles.randomFile(share, "keep.bin", 100_000, 8);
		this.seed = Agent.start("seed", share, this.tracker.url(), "--peer.mode=seed", "--peer.tracker.retry-max=1s");
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(listed()).containsExactly("keep.bin"));

		this.tracker.kill();
		Files.walk(this.root.resolve("tracker"))
			.filter((path) -> path.getFileName().toString().startsWith("tracker-db"))
			.forEach((path) -> path.toFile().delete());
		this.tracker.launch();

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(listed()).containsExactly("keep.bin"));
		// the tracker lists the file as soon as it has recorded the registration, a
		// moment before the seed has read the answer
		await().atMost(PATIENCE).until(this.seed::isRegistered);
	}

	@Test
	void aPeerClaimingAnotherPeersIdIsRefusedAndCarriesOnUnderANewOne() throws Exception {
		Path share = this.root.resolve("share");
		SwarmFiles.randomFile(share, "original.bin", 100_000, 9);
		this.seed = Agent.start("seed", share, this.tracker.url(), "--peer.mode=seed");
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(listed()).containsExactly("original.bin"));
		String claimed = this.seed.peerId();

		Path copycatShare = this.root.resolve("copycat");
		SwarmFiles.randomFile(copycatShare, "copy.bin", 50_000, 10);
		Files.createDirectories(copycatShare.resolve(".p2p"));
		Files.copy(share.resolve(".p2p/peer-id"), copycatShare.resolve(".p2p/peer-id"));
		try (Agent copycat = Agent.start("copycat", copycatShare, this.tracker.url(), "--peer.mode=seed")) {
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(listed()).containsExactly("copy.bin", "original.bin"));
			assertThat(copycat.peerId()).isNotEqualTo(claimed);
			assertThat(holders("copy.bin")).containsExactly(copycat.peerId() + "@" + copycat.tcpPort());
			assertThat(holders("original.bin")).as("the first peer's address was not moved")
				.containsExactly(claimed + "@" + this.seed.tcpPort());
			assertThat(Files.readString(copycatShare.resolve(".p2p/peer-id")).trim()).isEqualTo(copycat.peerId());
		}
	}

	private List<String> holders(String fileName) {
		return this.trackerApi.get()
			.uri("/api/v1/files/{f}/locations", fileName)
			.retrieve()
			.body(FileLocations.class)
			.peers()
			.stream()
			.map((peer) -> peer.peerId() + "@" + peer.port())
			.toList();
	}

	private List<FileSummary> files() {
		return this.trackerApi.get().uri("/api/v1/files").retrieve().body(FileList.class).files();
	}

	private List<String> listed() {
		return files().stream().map(FileSummary::name).toList();
	}

}
