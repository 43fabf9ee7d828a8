package dev.p2pshare.tracker.file;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.p2pshare.tracker.config.TrackerProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.context.annotation.Import;

import static dev.p2pshare.tracker.file.ThreeHolders.LIVE_CUTOFF;
import static dev.p2pshare.tracker.file.ThreeHolders.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random picks of a file's live holders, on the embedded database: a live peer, one seen
 * 30 s before, and one silent for ten minutes.
 */
@DataJpaTest
@Import(HolderSampler.class)
@EnableConfigurationProperties(TrackerProperties.class)
class HolderSamplerTests {

	@Autowired
	TestEntityManager entities;

	@Autowired
	HolderSampler sampler;

	private ThreeHolders swarm;

	@BeforeEach
	void swarm() {
		this.swarm = ThreeHolders.persist(this.entities);
	}

	@Test
	void aPickAsLargeAsTheSwarmListsEveryLiveHolderByPeerId() {
		HolderSampler.Sample sample = this.sampler.sample(this.swarm.movie(), LIVE_CUTOFF, 5);
		assertThat(sample.more()).isFalse();
		assertThat(peerIds(sample)).containsExactly("leech", "seed");
	}

	@Test
	void aSmallerPickIsADifferentFewEachTimeAndSaysThereAreMore() {
		Set<String> picked = new HashSet<>();
		for (int i = 0; i < 30; i++) {
			HolderSampler.Sample one = this.sampler.sample(this.swarm.movie(), LIVE_CUTOFF, 1);
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
		assertThat(this.sampler.sample(this.swarm.movie(), LIVE_CUTOFF, 1).more()).as("the list read, naming two")
			.isTrue();
		Instant leechNowSilent = NOW.minusSeconds(10);
		for (int i = 0; i < 30; i++) {
			HolderSampler.Sample one = this.sampler.sample(this.swarm.movie(), leechNowSilent, 1);
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
