package dev.p2pshare.tracker.file;

import java.util.List;

import dev.p2pshare.dto.ChunkRange;
import dev.p2pshare.dto.FileSummary;
import dev.p2pshare.tracker.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;

import static dev.p2pshare.tracker.file.ThreeHolders.LIVE_CUTOFF;
import static dev.p2pshare.tracker.file.ThreeHolders.NOW;
import static org.assertj.core.api.Assertions.assertThat;

@DataJpaTest
class LiveHoldingQueriesTests {

	@Autowired
	TestEntityManager entities;

	@Autowired
	TrackedFileRepository files;

	@Autowired
	HoldingRepository holdings;

	private ThreeHolders swarm;

	@BeforeEach
	void swarm() {
		this.swarm = ThreeHolders.persist(this.entities);
	}

	@Test
	void fileListCountsLivePeersOnly() {
		assertThat(this.files.summarizeLive(LIVE_CUTOFF))
			.containsExactly(new FileSummary("movie.mkv", 10 * 1024, 1024, 10, this.swarm.movie().getSha256(), 1, 1));
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
			.containsExactlyInAnyOrder(this.swarm.fullId(), this.swarm.partialId());
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
