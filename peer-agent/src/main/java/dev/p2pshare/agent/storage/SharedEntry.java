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

	private volatile Path path;

	private SharedEntry(SharedFile file, Path path, BitSet held) {
		this.file = file;
		this.hash = Sha256.ofHex(file.sha256());
		this.chunkHashes = file.chunkHashes().stream().map(Sha256::ofHex).toList();
		this.path = path;
		this.held = held;
	}

	/** A file held whole. */
	public static SharedEntry complete(SharedFile file, Path path) {
		BitSet all = new BitSet(file.chunkHashes().size());
		all.set(0, file.chunkHashes().size());
		return new SharedEntry(file, path, all);
	}

	/** A file being downloaded into {@code partPath}, with these chunks verified. */
	public static SharedEntry partial(SharedFile file, Path partPath, BitSet verified) {
		return new SharedEntry(file, partPath, (BitSet) verified.clone());
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
