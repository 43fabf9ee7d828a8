package dev.p2pshare.tracker.file;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.p2pshare.tracker.Fixtures;
import dev.p2pshare.tracker.config.TrackerProperties;
import dev.p2pshare.tracker.peer.Peer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random picks of a file's live holders, on the embedded database: a live peer, one seen
 * 30 s before, and one silent for ten minutes.
 */
@DataJpaTest
@Import(HolderSampler.class)
@EnableConfigurationProperties(TrackerProperties.class)
class HolderSamplerTests {

	private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

	private static final Instant LIVE_CUTOFF = NOW.minus(Duration.ofSeconds(90));

	@Autowired
	TestEntityManager entities;

	@Autowired
	HolderSampler sampler;

	private TrackedFile movie;

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
		this.entities.persist(full);
		this.entities.persist(partial);
		this.entities.persist(stale);
		this.entities.flush();
		this.entities.clear();
	}

	@Test
	void aPickAsLargeAsTheSwarmListsEveryLiveHolderByPeerId() {
		HolderSampler.Sample sample = this.sampler.sample(this.movie, LIVE_CUTOFF, 5);
		assertThat(sample.more()).isFalse();
		assertThat(peerIds(sample)).containsExactly("leech", "seed");
	}

	@Test
	void aSmallerPickIsADifferentFewEachTimeAndSaysThereAreMore() {
		Set<String> picked = new HashSet<>();
		for (int i = 0; i < 30; i++) {
			HolderSampler.Sample one = this.sampler.sample(this.movie, LIVE_CUTOFF, 1);
			assertThat(one.more()).isTrue();
			assertThat(one.holdings()).hasSize(1);
			picked.addAll(peerIds(one));
			this.entities.clear();
		}
		assertThat(picked).as("each live one some of the time, never the silent one")
			.containsExactlyInAnyOrder("leech", "seed");
	}

	@Test
	void aHolderThatFellSilentSinceTheListWasReadIsNeverPicked() {
		assertThat(this.sampler.sample(this.movie, LIVE_CUTOFF, 1).more()).as("the list read, naming two").isTrue();
		Instant leechNowSilent = NOW.minusSeconds(10);
		for (int i = 0; i < 30; i++) {
			HolderSampler.Sample one = this.sampler.sample(this.movie, leechNowSilent, 1);
			assertThat(peerIds(one)).as("the seed or nobody").isSubsetOf("seed");
			this.entities.clear();
		}
	}

	@Test
	void picksAreDistinctAndEachIdEquallyLikely() {
		long[] ids = { 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 };
		int[] counts = new int[ids.length];
		int draws = 30_000;
		for (int i = 0; i < draws; i++) {
			List<Long> picked = HolderSampler.pick(ids, 3);
			assertThat(picked).hasSize(3).doesNotHaveDuplicates();
			picked.forEach((id) -> counts[(int) (id - 10)]++);
		}
		// 9,000 each expected, give or take 79 (one standard deviation); 450 is more than
		// five
		assertThat(Arrays.stream(counts).boxed().toList())
			.allSatisfy((count) -> assertThat(count).isBetween(8_550, 9_450));
	}

	private static List<String> peerIds(HolderSampler.Sample sample) {
		return sample.holdings().stream().map((holding) -> holding.getPeer().getId()).toList();
	}

}
