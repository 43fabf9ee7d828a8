package dev.p2pshare.agent.storage;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

import dev.p2pshare.agent.protocol.Sha256;
import dev.p2pshare.dto.SharedFile;

/**
 * A file this peer serves, whole or in part: where its bytes are and which chunks of it
 * are verified. The chunk server looks files up only here, by content hash.
 */
public final class SharedEntry {

	private final SharedFile file;

	private final Sha256 hash;

	private final List<Sha256> chunkHashes;

	private final BitSet held;

	/** Whether this peer found the file whole in its share directory: a seed of it. */
	private final boolean seeded;

	/** Chunks sent to some peer since this agent started (or being sent now). */
	private final BitSet uploaded = new BitSet();

	private volatile Path path;

	private SharedEntry(SharedFile file, Path path, BitSet held, boolean seeded) {
		this.file = file;
		this.hash = Sha256.ofHex(file.sha256());
		this.chunkHashes = file.chunkHashes().stream().map(Sha256::ofHex).toList();
		this.path = path;
		this.held = held;
		this.seeded = seeded;
	}

	/** A file held whole, found in the share directory. */
	public static SharedEntry complete(SharedFile file, Path path) {
		BitSet all = new BitSet(file.chunkHashes().size());
		all.set(0, file.chunkHashes().size());
		return new SharedEntry(file, path, all, true);
	}

	/** A file being downloaded into {@code partPath}, with these chunks verified. */
	public static SharedEntry partial(SharedFile file, Path partPath, BitSet verified) {
		return new SharedEntry(file, partPath, (BitSet) verified.clone(), false);
	}

	public SharedFile file() {
		return this.file;
	}

	public String name() {
		return this.file.name();
	}

	public Sha256 hash() {
		return this.hash;
	}

	public int chunkCount() {
		return this.chunkHashes.size();
	}

	public Sha256 chunkHash(int index) {
		return this.chunkHashes.get(index);
	}

	public long chunkOffset(int index) {
		return (long) index * this.file.chunkSize();
	}

	public int chunkLength(int index) {
		return (int) Math.min(this.file.chunkSize(), this.file.size() - chunkOffset(index));
	}

	public Path path() {
		return this.path;
	}

	public synchronized boolean holds(int index) {
		return this.held.get(index);
	}

	public synchronized void hold(int index) {
		this.held.set(index);
	}

	/**
	 * Picks the chunk to send for a request of {@code requested}, a chunk this peer
	 * holds. A seed asked to spread a chunk it has already sent to someone sends, while
	 * it has one, the first chunk it has sent no one yet instead: whoever took the first
	 * copy serves the rest of the swarm, and the seed's upload goes to chunks no one else
	 * has (super-seeding). First copies go out roughly front to back, so that the leeches
	 * can hash the whole file as it fills.
	 * @param requested the chunk asked for
	 * @param spread whether the downloader lets the seed choose
	 * @return the chunk to send
	 */
	public synchronized Upload startUpload(int requested, boolean spread) {
		int chunk = requested;
		if (spread && this.seeded && this.uploaded.get(requested)) {
			int unsent = this.uploaded.nextClearBit(0);
			if (unsent < chunkCount()) {
				chunk = unsent;
			}
		}
		boolean first = !this.uploaded.get(chunk);
		this.uploaded.set(chunk);
		return new Upload(chunk, first);
	}

	/** The upload did not reach its peer: a first copy of it is still to be sent. */
	public synchronized void uploadFailed(Upload upload) {
		if (upload.first()) {
			this.uploaded.clear(upload.chunk());
		}
	}

	/**
	 * A chunk being sent.
	 *
	 * @param chunk its index
	 * @param first whether no one had been sent it before
	 */
	public record Upload(int chunk, boolean first) {
	}

	public synchronized int heldCount() {
		return this.held.cardinality();
	}

	public synchronized boolean isComplete() {
		return this.held.cardinality() == chunkCount();
	}

	/** The download finished and its file moved to its place in the share directory. */
	public synchronized void completedAt(Path finalPath) {
		this.held.set(0, chunkCount());
		this.path = finalPath;
	}

}
