package dev.p2pshare.tracker.file;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.p2pshare.dto.ChunkRange;
import dev.p2pshare.dto.FileSummary;
import dev.p2pshare.tracker.Fixtures;
import dev.p2pshare.tracker.peer.Peer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;

import static org.assertj.core.api.Assertions.assertThat;

@DataJpaTest
class LiveHoldingQueriesTests {

	private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

	private static final Instant LIVE_CUTOFF = NOW.minus(Duration.ofSeconds(90));

	@Autowired
	TestEntityManager entities;

	@Autowired
	TrackedFileRepository files;

	@Autowired
	HoldingRepository holdings;

	private TrackedFile movie;

	private Long fullId;

	private Long partialId;

	@BeforeEach
	void swarm() {
		this.movie = this.entities.persist(new TrackedFile(Fixtures.file("movie.mkv", 10 * 1024, 1024), NOW));
		Peer seed = this.entities.persist(new Peer("seed", "10.0.0.1", 6881, NOW, "s1"));
		Peer leech = this.entities.persist(new Peer("leech", "10.0.0.2", 6881, NOW.minusSeconds(30), "s2"));
		Peer gone = this.entities.persist(new Peer("gone", "10.0.0.3", 6881, NOW.minusSeconds(600), "s3"));
		Holding full = new Holding(seed, this.movie);
		full.holdAll();
		Holding partial = new Holding(leech, this.movie);
		partial.hold(List.of(0, 1, 2, 7));
		Holding stale = new Holding(gone, this.movie);
		stale.holdAll();
		this.fullId = this.entities.persistAndGetId(full, Long.class);
		this.partialId = this.entities.persistAndGetId(partial, Long.class);
		this.entities.persist(stale);
		this.entities.flush();
		this.entities.clear();
	}

	@Test
	void fileListCountsLivePeersOnly() {
		assertThat(this.files.summarizeLive(LIVE_CUTOFF))
			.containsExactly(new FileSummary("movie.mkv", 10 * 1024, 1024, 10, this.movie.getSha256(), 1, 1));
	}

	@Test
	void locationsListLivePeersWithTheirChunks() {
		List<Holding> live = this.holdings.findLive(this.files.findByName("movie.mkv").orElseThrow(), LIVE_CUTOFF);
		assertThat(live).extracting((holding) -> holding.getPeer().getId()).containsExactly("leech", "seed");
		assertThat(live.get(0).ranges()).containsExactly(new ChunkRange(0, 2), new ChunkRange(7, 7));
		assertThat(live.get(1).isComplete()).isTrue();
	}

	@Test
	void randomPicksAreDrawnFromTheLiveHoldingsIds() {
		TrackedFile file = this.files.findByName("movie.mkv").orElseThrow();
		assertThat(this.holdings.findLiveIds(file, LIVE_CUTOFF)).as("not the silent peer's")
			.containsExactlyInAnyOrder(this.fullId, this.partialId);
	}

	@Test
	void whenEveryHolderIsSilentTheFileLeavesTheList() {
		assertThat(this.files.summarizeLive(NOW.plusSeconds(3600))).isEmpty();
		assertThat(this.files.countLive(NOW.plusSeconds(3600))).isZero();
		assertThat(this.files.countLive(LIVE_CUTOFF)).isOne();
	}

	@Test
	void liveChunksAreSummedOverLivePeers() {
		assertThat(this.holdings.sumLiveChunks(LIVE_CUTOFF)).isEqualTo(10 + 4);
	}

	@Test
	void onlyFilesNobodyHoldsAreDeleted() {
		this.entities.persist(new TrackedFile(Fixtures.file("orphan.iso", 2048, 1024), NOW));
		assertThat(this.files.deleteUnheld()).isOne();
		assertThat(this.files.findByName("orphan.iso")).isEmpty();
		assertThat(this.files.findByName("movie.mkv")).isPresent();
	}

}
