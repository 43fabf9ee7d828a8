package dev.p2pshare.agent.download;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Decides which chunk to fetch next and from whom: rarest first (fewest live holders), at
 * random among the first {@value #WINDOW} of equals, so that leeches spread over
 * different chunks while a file still fills roughly front to back and its whole SHA-256
 * can be computed as it arrives; at most {@code maxInFlight} chunks at once and
 * {@code perPeerInFlight} from one peer. When every missing chunk is already on its way,
 * the last ones are asked from a second peer too (end-game), so one slow peer cannot hold
 * the file hostage. Peers that send bad data are banned at once, peers that keep failing
 * after {@code failuresBeforeBan} failures. Thread-safe; time comes in as nanoseconds so
 * tests control it.
 */
public final class ChunkScheduler {

	/** Sources asked for one chunk at once in end-game. */
	static final int END_GAME_SOURCES = 2;

	/** How many of the lowest equally rare chunks the next one is picked from. */
	static final int WINDOW = 8;

	private final int chunkCount;

	private final int maxInFlight;

	private final int perPeerInFlight;

	private final int failuresBeforeBan;

	private final long banNanos;

	private final Random random;

	private final BitSet have;

	/** Chunks fetched and verified, being written to disk. */
	private final BitSet storing = new BitSet();

	private final Map<Integer, Set<String>> inFlight = new HashMap<>();

	private final Map<String, PeerState> peers = new HashMap<>();

	public ChunkScheduler(int chunkCount, BitSet have, int maxInFlight, int perPeerInFlight, int failuresBeforeBan,
			long banNanos, Random random) {
		this.chunkCount = chunkCount;
		this.have = (BitSet) have.clone();
		this.maxInFlight = maxInFlight;
		this.perPeerInFlight = perPeerInFlight;
		this.failuresBeforeBan = failuresBeforeBan;
		this.banNanos = banNanos;
		this.random = random;
	}

	/** Replaces what the peers hold with the tracker's latest answer. */
	public synchronized void updateSources(Map<Source, BitSet> holdings) {
		Set<String> current = new HashSet<>();
		holdings.forEach((source, chunks) -> {
			current.add(source.peerId());
			PeerState peer = this.peers.computeIfAbsent(source.peerId(), (id) -> new PeerState(source));
			peer.source = source;
			peer.chunks = (BitSet) chunks.clone();
			// what a peer said it lacks stays off its list, whatever the tracker still
			// says
			peer.chunks.andNot(peer.denied);
			peer.listed = true;
		});
		this.peers.values().forEach((peer) -> peer.listed = current.contains(peer.source.peerId()));
	}

	/** The next chunk to fetch, or empty when nothing more may start now. */
	public synchronized Optional<Assignment> next(long now) {
		if (inFlightCount() >= this.maxInFlight) {
			return Optional.empty();
		}
		Optional<Assignment> fresh = pick(now, false);
		return fresh.isPresent() ? fresh : pick(now, true);
	}

	private Optional<Assignment> pick(long now, boolean endGame) {
		int rarest = Integer.MAX_VALUE;
		List<Integer> candidates = new ArrayList<>();
		for (int chunk = this.have.nextClearBit(0); chunk < this.chunkCount; chunk = this.have
			.nextClearBit(chunk + 1)) {
			if (this.storing.get(chunk)) {
				continue;
			}
			Set<String> fetching = this.inFlight.getOrDefault(chunk, Set.of());
			if (endGame ? (fetching.isEmpty() || fetching.size() >= END_GAME_SOURCES) : !fetching.isEmpty()) {
				continue;
			}
			int holders = 0;
			boolean askable = false;
			for (PeerState peer : this.peers.values()) {
				if (peer.isUsable(now) && peer.chunks.get(chunk)) {
					holders++;
					askable |= peer.inFlight < this.perPeerInFlight && !fetching.contains(peer.source.peerId());
				}
			}
			if (!askable) {
				continue;
			}
			if (holders < rarest) {
				rarest = holders;
				candidates.clear();
			}
			if (holders == rarest) {
				candidates.add(chunk);
			}
		}
		if (candidates.isEmpty()) {
			return Optional.empty();
		}
		int chunk = candidates.get(this.random.nextInt(Math.min(WINDOW, candidates.size())));
		Set<String> fetching = this.inFlight.computeIfAbsent(chunk, (index) -> new HashSet<>());
		PeerState peer = leastBusyHolder(chunk, fetching, now);
		fetching.add(peer.source.peerId());
		peer.inFlight++;
		return Optional.of(new Assignment(peer.source, chunk, endGame, !endGame && rarest == 1 && peer.spreads));
	}

	private PeerState leastBusyHolder(int chunk, Set<String> fetching, long now) {
		List<PeerState> best = new ArrayList<>();
		int fewest = Integer.MAX_VALUE;
		for (PeerState peer : this.peers.values()) {
			if (!peer.isUsable(now) || !peer.chunks.get(chunk) || peer.inFlight >= this.perPeerInFlight
					|| fetching.contains(peer.source.peerId())) {
				continue;
			}
			if (peer.inFlight < fewest) {
				fewest = peer.inFlight;
				best.clear();
			}
			if (peer.inFlight == fewest) {
				best.add(peer);
			}
		}
		return best.get(this.random.nextInt(best.size()));
	}

	/**
	 * A chunk arrived verified.
	 * @param assignment what was asked
	 * @param chunk the chunk that arrived: the one asked, or for a spread request, one
	 * the seed had sent no one yet
	 * @return whether it is new (false when an end-game twin was faster, or when a source
	 * that chose the chunk itself sent one already here: it is not asked to choose again)
	 */
	public synchronized boolean completed(Assignment assignment, int chunk) {
		release(assignment);
		PeerState peer = this.peers.get(assignment.source().peerId());
		if (peer != null) {
			peer.failures = 0;
		}
		if (this.have.get(chunk) || this.storing.get(chunk)) {
			if (peer != null && chunk != assignment.chunkIndex()) {
				peer.spreads = false;
			}
			return false;
		}
		this.storing.set(chunk);
		return true;
	}

	/**
	 * The chunk that {@link #completed} handed to its fetcher is on disk: only now does
	 * it count, so the file is complete only once every chunk is written.
	 */
	public synchronized void stored(int chunk) {
		this.storing.clear(chunk);
		this.have.set(chunk);
	}

	/** The source failed to deliver: a refusal, a timeout, a dropped connection. */
	public synchronized void failed(Assignment assignment, long now) {
		release(assignment);
		PeerState peer = this.peers.get(assignment.source().peerId());
		if (peer != null && ++peer.failures >= this.failuresBeforeBan) {
			peer.bannedUntil = now + this.banNanos;
			peer.failures = 0;
		}
	}

	/** The source does not hold the chunk after all; ask it for others, not this one. */
	public synchronized void notHeld(Assignment assignment) {
		release(assignment);
		PeerState peer = this.peers.get(assignment.source().peerId());
		if (peer != null) {
			peer.chunks.clear(assignment.chunkIndex());
			peer.denied.set(assignment.chunkIndex());
		}
	}

	/**
	 * The source refused a spread request as malformed (an agent from before it): it is
	 * asked for exactly the chunk from now on, and this does not count as a failure.
	 */
	public synchronized void spreadRefused(Assignment assignment) {
		release(assignment);
		PeerState peer = this.peers.get(assignment.source().peerId());
		if (peer != null) {
			peer.spreads = false;
		}
	}

	/** The source sent bytes that are not the chunk: banned at once. */
	public synchronized void badData(Assignment assignment, long now) {
		release(assignment);
		PeerState peer = this.peers.get(assignment.source().peerId());
		if (peer != null) {
			peer.bannedUntil = now + this.banNanos;
		}
	}

	private void release(Assignment assignment) {
		Set<String> fetching = this.inFlight.get(assignment.chunkIndex());
		if (fetching != null && fetching.remove(assignment.source().peerId())) {
			PeerState peer = this.peers.get(assignment.source().peerId());
			if (peer != null) {
				peer.inFlight--;
			}
			if (fetching.isEmpty()) {
				this.inFlight.remove(assignment.chunkIndex());
			}
		}
	}

	public synchronized boolean isComplete() {
		return this.have.cardinality() == this.chunkCount;
	}

	public synchronized int haveCount() {
		return this.have.cardinality();
	}

	public synchronized int inFlightCount() {
		return this.peers.values().stream().mapToInt((peer) -> peer.inFlight).sum();
	}

	/** Listed sources that are not banned now. */
	public synchronized int usableSources(long now) {
		return (int) this.peers.values().stream().filter((peer) -> peer.isUsable(now)).count();
	}

	public synchronized int bannedSources(long now) {
		return (int) this.peers.values().stream().filter((peer) -> peer.bannedUntil > now).count();
	}

	private static final class PeerState {

		private Source source;

		private BitSet chunks = new BitSet();

		/** Chunks the tracker lists for this peer but the peer said it does not hold. */
		private final BitSet denied = new BitSet();

		private boolean listed;

		/**
		 * Whether it may be asked to choose the chunk it sends; not after it chose one
		 * already here (a peer that seeds what others have too), nor once it refused to
		 * (an older agent).
		 */
		private boolean spreads = true;

		private int inFlight;

		private int failures;

		private long bannedUntil = Long.MIN_VALUE;

		PeerState(Source source) {
			this.source = source;
		}

		boolean isUsable(long now) {
			return this.listed && now >= this.bannedUntil;
		}

	}

}
