package dev.p2pshare.tracker.file;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.p2pshare.tracker.config.TrackerProperties;
import dev.p2pshare.tracker.peer.Peer;
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
 * {@code tracker.holder-list-max-age=0}: the list picks are drawn from is read every
 * time.
 */
@DataJpaTest(properties = "tracker.holder-list-max-age=0")
@Import(HolderSampler.class)
@EnableConfigurationProperties(TrackerProperties.class)
class HolderListReadEveryTimeTests {

	@Autowired
	TestEntityManager entities;

	@Autowired
	HolderSampler sampler;

	@Test
	void aHolderThatJoinsIsPickedAtOnce() {
		TrackedFile movie = ThreeHolders.persist(this.entities).movie();
		assertThat(this.sampler.sample(movie, LIVE_CUTOFF, 1).more()).as("a list of two read").isTrue();
		Peer newcomer = this.entities.persist(new Peer("newcomer", "10.0.0.4", 6881, NOW, "s4"));
		Holding joined = new Holding(newcomer, this.entities.find(TrackedFile.class, movie.getId()));
		joined.hold(List.of(5));
		this.entities.persist(joined);
		this.entities.flush();
		this.entities.clear();

		Set<String> picked = new HashSet<>();
		for (int i = 0; i < 60; i++) {
			this.sampler.sample(movie, LIVE_CUTOFF, 1)
				.holdings()
				.forEach((holding) -> picked.add(holding.getPeer().getId()));
			this.entities.clear();
		}
		assertThat(picked).as("the newcomer among them, though a list kept a second would not name it yet")
			.containsExactlyInAnyOrder("seed", "leech", "newcomer");
	}

}
