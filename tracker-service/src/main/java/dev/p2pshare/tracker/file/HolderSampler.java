package dev.p2pshare.tracker.file;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.p2pshare.tracker.config.TrackerProperties;
import jakarta.persistence.EntityGraph;
import jakarta.persistence.EntityManager;
import org.hibernate.OrderingMode;
import org.hibernate.Session;

import org.springframework.stereotype.Component;

/**
 * Live holders of a file picked at random, at a cost that does not grow with the swarm.
 * Every downloading agent asks for a few holders several times a second, so reading every
 * holding of a large swarm to pick them (as {@code order by random()} does) made each
 * request cost as much as the swarm is large. Instead the ids of a file's live holdings
 * are read once per {@code tracker.holder-list-max-age}, and each request loads only the
 * holdings it picks from them, checked to be live still. They are loaded by id
 * ({@code findMultiple}), not by a query with {@code in (:ids)}: Hibernate translates a
 * query with a list parameter afresh every time, which cost more than the pick saved.
 */
@Component
class HolderSampler {

	private final HoldingRepository holdings;

	private final EntityManager entities;

	/** Loads a holding's peer in the same query. */
	private final EntityGraph<Holding> withPeer;

	/**
	 * The ids of each file's live holdings, by file id. Entries expire, so the cache
	 * holds only the files asked for within one maximum age.
	 */
	private final Cache<Long, long[]> liveIds;

	HolderSampler(HoldingRepository holdings, EntityManager entities, TrackerProperties properties) {
		this.holdings = holdings;
		this.entities = entities;
		this.withPeer = entities.createEntityGraph(Holding.class);
		this.withPeer.addAttributeNode("peer");
		this.liveIds = Caffeine.newBuilder().expireAfterWrite(properties.holderListMaxAge()).build();
	}

	/**
	 * At most {@code max} live holdings of the file with their peers. All of them, sorted
	 * by peer id, when no more hold it; otherwise {@code max} picked at random, in no
	 * particular order, less any that stopped being live since the list they were picked
	 * from was read.
	 */
	Sample sample(TrackedFile file, Instant cutoff, int max) {
		long[] ids = this.liveIds.get(file.getId(), (fileId) -> toArray(this.holdings.findLiveIds(file, cutoff)));
		if (ids.length <= max) {
			return complete(this.holdings.findLive(file, cutoff), max);
		}
		List<Holding> picked = new ArrayList<>(liveAmong(pick(ids, max), cutoff));
		Collections.shuffle(picked, ThreadLocalRandom.current());
		return new Sample(picked, true);
	}

	/**
	 * Those of these holdings that still exist, hold a chunk and belong to a live peer,
	 * loaded with their peers in one query.
	 */
	private List<Holding> liveAmong(List<Long> ids, Instant cutoff) {
		return this.entities.unwrap(Session.class)
			.findMultiple(this.withPeer, ids, OrderingMode.UNORDERED)
			.stream()
			.filter((holding) -> holding != null && holding.getHeldCount() > 0
					&& !holding.getPeer().getLastSeen().isBefore(cutoff))
			.toList();
	}

	/**
	 * The whole list, or a random {@code max} of it if the swarm grew past that since.
	 */
	private static Sample complete(List<Holding> live, int max) {
		if (live.size() <= max) {
			return new Sample(live, false);
		}
		List<Holding> shuffled = new ArrayList<>(live);
		Collections.shuffle(shuffled, ThreadLocalRandom.current());
		return new Sample(shuffled.subList(0, max), true);
	}

	/**
	 * {@code count} distinct ids, each equally likely, in time proportional to
	 * {@code count} (Floyd's algorithm).
	 */
	static List<Long> pick(long[] ids, int count) {
		RandomGenerator random = ThreadLocalRandom.current();
		Set<Integer> chosen = new HashSet<>();
		for (int last = ids.length - count; last < ids.length; last++) {
			int index = random.nextInt(last + 1);
			chosen.add(chosen.contains(index) ? last : index);
		}
		return chosen.stream().map((index) -> ids[index]).toList();
	}

	private static long[] toArray(List<Long> ids) {
		return ids.stream().mapToLong(Long::longValue).toArray();
	}

	/**
	 * Holdings picked by {@link #sample}.
	 *
	 * @param holdings the holdings with their peers
	 * @param more whether more peers hold the file than these
	 */
	record Sample(List<Holding> holdings, boolean more) {
	}

}
