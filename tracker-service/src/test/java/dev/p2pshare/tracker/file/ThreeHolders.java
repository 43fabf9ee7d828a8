package dev.p2pshare.tracker.file;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.p2pshare.tracker.Fixtures;
import dev.p2pshare.tracker.peer.Peer;

import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;

/**
 * A file of ten chunks held whole by a live seed, in part (chunks 0 to 2 and 7) by a
 * leech seen 30 s before {@link #NOW}, and whole by a peer silent for ten minutes,
 * persisted and cleared from the persistence context.
 *
 * @param movie the file
 * @param fullId the seed's holding
 * @param partialId the leech's holding
 */
record ThreeHolders(TrackedFile movie, Long fullId, Long partialId) {

	static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

	static final Instant LIVE_CUTOFF = NOW.minus(Duration.ofSeconds(90));

	static ThreeHolders persist(TestEntityManager entities) {
		TrackedFile movie = entities.persist(new TrackedFile(Fixtures.file("movie.mkv", 10 * 1024, 1024), NOW));
		Peer seed = entities.persist(new Peer("seed", "10.0.0.1", 6881, NOW, "s1"));
		Peer leech = entities.persist(new Peer("leech", "10.0.0.2", 6881, NOW.minusSeconds(30), "s2"));
		Peer gone = entities.persist(new Peer("gone", "10.0.0.3", 6881, NOW.minusSeconds(600), "s3"));
		Holding full = new Holding(seed, movie);
		full.holdAll();
		Holding partial = new Holding(leech, movie);
		partial.hold(List.of(0, 1, 2, 7));
		Holding stale = new Holding(gone, movie);
		stale.holdAll();
		Long fullId = entities.persistAndGetId(full, Long.class);
		Long partialId = entities.persistAndGetId(partial, Long.class);
		entities.persist(stale);
		entities.flush();
		entities.clear();
		return new ThreeHolders(movie, fullId, partialId);
	}

}
