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
 * {@code perPeerInFlight} streams from one peer (connections that each carry a chunk
 * arriving and at most one asked for behind it), and of a peer with part of the file
 * before one with all of it. When every missing chunk is already on its way, the last
 * ones are asked from a second peer too (end-game), so one slow peer cannot hold the file
 * hostage. Peers that send bad data are banned at once, peers that keep failing after
 * {@code failuresBeforeBan} failures, and these are asked again only once the tracker
 * names them again: a peer that left a swarm too large for every answer to name all its
 * holders is forgotten that way. Thread-safe; time comes in as nanoseconds so tests
 * control it.
 */
public final class ChunkScheduler {

	/** Sources asked for one chunk at once in end-game. */
	static final int END_GAME_SOURCES = 2;

	/** How many of the lowest equally rare chunks the next one is picked from. */
	static final int WINDOW = 8;

	private final int chunkCount;

	private int maxInFlight;

	private final int perPeerInFlight;

	private final int failuresBeforeBan;

	private final long banNanos;

	private final Random random;

	private final BitSet have;

	/** Chunks fetched and verified, being written to disk. */
	private final BitSet storing = new BitSet();

	private final Map<Integer, Set<String>> inFlight = new HashMap<>();

	private final Map<String, PeerState> peers = new HashMap<>();

	/** Scratch space of {@link #pick}: usable holders per chunk, all 0 between picks. */
	private final int[] holders;

	/** Scratch space of {@link #pick}: the first of the rarest askable chunks. */
	private final int[] window = new int[WINDOW];

	public ChunkScheduler(int chunkCount, BitSet have, int maxInFlight, int perPeerInFlight, int failuresBeforeBan,
			long banNanos, Random random) {
		this.chunkCount = chunkCount;
		this.have = (BitSet) have.clone();
		this.maxInFlight = maxInFlight;
		this.perPeerInFlight = perPeerInFlight;
		this.failuresBeforeBan = failuresBeforeBan;
		this.banNanos = banNanos;
		this.random = random;
		this.holders = new int[chunkCount];
	}

	/**
	 * Replaces what the peers hold with the tracker's latest list of every holder: a peer
	 * it leaves out is no longer asked.
	 * @return whether it offers something the last one did not: a chunk still missing
	 * here that a peer was not known to hold, or was not listed with
	 */
	public synchronized boolean updateSources(Map<Source, BitSet> holdings) {
		boolean news = addSources(holdings);
		this.peers.values().forEach((peer) -> peer.listed = holdings.containsKey(peer.source));
		return news;
	}

	/**
	 * Updates the peers a partial list names (the tracker's answer to a chunk report, or
	 * FILE_LOCATIONS: a random few of a large swarm's holders) and leaves the others as
	 * they were.
	 * @return as {@link #updateSources}
	 */
	public synchronized boolean addSources(Map<Source, BitSet> holdings) {
		BitSet missing = new BitSet(this.chunkCount);
		missing.set(0, this.chunkCount);
		missing.andNot(this.have);
		missing.andNot(this.storing);
		boolean news = false;
		for (Map.Entry<Source, BitSet> holding : holdings.entrySet()) {
			Source source = holding.getKey();
			PeerState peer = this.peers.computeIfAbsent(source.peerId(), (id) -> new PeerState(source));
			BitSet gained = (BitSet) holding.getValue().clone();
			// what a peer said it lacks stays off its list, whatever the tracker still
			// says
			gained.andNot(peer.denied);
			BitSet chunks = (BitSet) gained.clone();
			if (peer.listed) {
				gained.andNot(peer.chunks);
			}
			news |= gained.intersects(missing);
			peer.source = source;
			peer.chunks = chunks;
			peer.listed = true;
		}
		return news;
	}

	/**
	 * The next chunk to fetch on a new stream, or empty when nothing more may start now.
	 * The stream lasts until {@link #streamEnded}.
	 */
	public Optional<Assignment> next(long now) {
		return next(now, null);
	}

	/**
	 * The next chunk to fetch, for a stream that is about to be free: its source is asked
	 * whatever its count of streams, since the assignment continues one of them when it
	 * goes to that source. An assignment to another source starts a new stream there.
	 * @param continuing the source of the stream, or {@code null} for a new stream
	 */
	public synchronized Optional<Assignment> next(long now, Source continuing) {
		if (inFlightCount() >= this.maxInFlight) {
			return Optional.empty();
		}
		PeerState own = (continuing != null) ? this.peers.get(continuing.peerId()) : null;
		BitSet notStarted = notStarted();
		Optional<Assignment> fresh = pick(now, notStarted, false, own);
		if (fresh.isPresent() || !notStarted.isEmpty()) {
			// chunks no known source holds yet are no end-game: twins now would
			// spend uploads the swarm needs for chunks some leech lacks
			return fresh;
		}
		return pick(now, inFlightOnce(), true, own);
	}

	/**
	 * Changes how many chunks may be in flight at once; streams beyond it end as their
	 * chunks arrive.
	 */
	public synchronized void limitInFlight(int max) {
		this.maxInFlight = max;
	}

	public synchronized int maxInFlight() {
		return this.maxInFlight;
	}

	/** A stream of chunks from this source ended: its connection carries no more. */
	public synchronized void streamEnded(Source source) {
		PeerState peer = this.peers.get(source.peerId());
		if (peer != null && peer.streams > 0) {
			peer.streams--;
		}
	}

	/**
	 * Counts each wanted chunk's usable holders peer by peer, over the bits of the chunks
	 * each holds, rather than asking every peer about every missing chunk: the
	 * coordinator picks after every chunk that arrives, and in a young swarm most picks
	 * find nothing. Of the rarest chunks that can be asked for, one of the first
	 * {@link #WINDOW} is taken at random.
	 */
	private Optional<Assignment> pick(long now, BitSet wanted, boolean endGame, PeerState own) {
		BitSet askable = countHolders(now, wanted, endGame, own);
		int rarest = Integer.MAX_VALUE;
		int candidates = 0;
		for (int chunk = askable.nextSetBit(0); chunk >= 0; chunk = askable.nextSetBit(chunk + 1)) {
			if (this.holders[chunk] < rarest) {
				rarest = this.holders[chunk];
				candidates = 0;
			}
			if (this.holders[chunk] == rarest && candidates < WINDOW) {
				this.window[candidates++] = chunk;
			}
		}
		for (int chunk = wanted.nextSetBit(0); chunk >= 0; chunk = wanted.nextSetBit(chunk + 1)) {
			this.holders[chunk] = 0;
		}
		if (candidates == 0) {
			return Optional.empty();
		}
		int chunk = this.window[this.random.nextInt(candidates)];
		Set<String> fetching = this.inFlight.computeIfAbsent(chunk, (index) -> new HashSet<>());
		PeerState peer = leastBusyHolder(chunk, fetching, now, own);
		fetching.add(peer.source.peerId());
		peer.inFlight++;
		if (peer != own) {
			peer.streams++;
		}
		boolean spread = !endGame && peer.spreads && (rarest == 1 || peer.holdsAll(this.chunkCount));
		return Optional.of(new Assignment(peer.source, chunk, endGame, spread));
	}

	/**
	 * Fills {@link #holders} for the wanted chunks.
	 * @return the wanted chunks a usable holder with room may be asked for (in end-game,
	 * one not fetching it already)
	 */
	private BitSet countHolders(long now, BitSet wanted, boolean endGame, PeerState own) {
		BitSet askable = new BitSet(this.chunkCount);
		for (PeerState peer : this.peers.values()) {
			if (!peer.isUsable(now)) {
				continue;
			}
			BitSet held = (BitSet) peer.chunks.clone();
			held.and(wanted);
			boolean hasRoom = hasRoom(peer, own);
			for (int chunk = held.nextSetBit(0); chunk >= 0; chunk = held.nextSetBit(chunk + 1)) {
				this.holders[chunk]++;
				if (hasRoom && (!endGame || !this.inFlight.get(chunk).contains(peer.source.peerId()))) {
					askable.set(chunk);
				}
			}
		}
		return askable;
	}

	/** Chunks missing that nobody is fetching or writing. */
	private BitSet notStarted() {
		BitSet chunks = new BitSet(this.chunkCount);
		chunks.set(0, this.chunkCount);
		chunks.andNot(this.have);
		chunks.andNot(this.storing);
		this.inFlight.keySet().forEach(chunks::clear);
		return chunks;
	}

	/** Chunks being fetched from fewer sources than end-game allows. */
	private BitSet inFlightOnce() {
		BitSet chunks = new BitSet(this.chunkCount);
		this.inFlight.forEach((chunk, fetching) -> {
			if (fetching.size() < END_GAME_SOURCES && !this.storing.get(chunk) && !this.have.get(chunk)) {
				chunks.set(chunk);
			}
		});
		return chunks;
	}

	/**
	 * The holder to ask: one that holds part of the file before one that holds all of it,
	 * then the one with the fewest of this download's chunks in flight. A peer with the
	 * whole file is wanted by every leech, and in a young swarm it alone holds the chunks
	 * no one has yet: what it sends that another holder could have sent delays a first
	 * copy (and, in end-game, often arrives after its twin).
	 */
	private PeerState leastBusyHolder(int chunk, Set<String> fetching, long now, PeerState own) {
		List<PeerState> best = new ArrayList<>();
		int lowest = Integer.MAX_VALUE;
		for (PeerState peer : this.peers.values()) {
			if (!peer.isUsable(now) || !peer.chunks.get(chunk) || !hasRoom(peer, own)
					|| fetching.contains(peer.source.peerId())) {
				continue;
			}
			int rank = (peer.holdsAll(this.chunkCount) ? this.perPeerInFlight : 0) + peer.inFlight;
			if (rank < lowest) {
				lowest = rank;
				best.clear();
			}
			if (rank == lowest) {
				best.add(peer);
			}
		}
		return best.get(this.random.nextInt(best.size()));
	}

	/**
	 * Whether a peer can take one more request: on a new stream, or, as {@code own}, on
	 * the stream that asks.
	 */
	private boolean hasRoom(PeerState peer, PeerState own) {
		return peer == own || peer.streams < this.perPeerInFlight;
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
			// perhaps gone: asked again when an answer names it and the ban has ended
			peer.listed = false;
		}
	}

	/**
	 * A chunk asked for behind another on a connection that then failed: given up without
	 * counting as the source's failure, which the first one counted already.
	 */
	public synchronized void abandoned(Assignment assignment) {
		release(assignment);
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

		/** Connections carrying this download's requests, each ended by streamEnded. */
		private int streams;

		private int failures;

		private long bannedUntil = Long.MIN_VALUE;

		PeerState(Source source) {
			this.source = source;
		}

		boolean holdsAll(int chunkCount) {
			return this.chunks.cardinality() == chunkCount;
		}

		boolean isUsable(long now) {
			return this.listed && now >= this.bannedUntil;
		}

	}

}
