package dev.p2pshare.agent.storage;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import dev.p2pshare.agent.protocol.Sha256;
import dev.p2pshare.dto.SharedFile;

/**
 * The hash a chunk is checked with while it arrives. For a file with chain states, where
 * this JVM can resume SHA-256, it is the whole file's SHA-256 run from where the chunk
 * starts: the chunk is the one when the hash reaches the state where the next chunk
 * starts, or for the last chunk the file's SHA-256, so every byte is hashed once and a
 * file whose chunks all passed has that SHA-256. Otherwise it is the chunk's own SHA-256,
 * against the chunk hash, and the whole file is hashed apart ({@link TrailingDigest}).
 */
public final class ChunkDigest {

	private static final HexFormat HEX = HexFormat.of();

	private final SharedFile file;

	private final int index;

	private final MessageDigest own;

	private final Sha256Chain chain;

	private ChunkDigest(SharedFile file, int index) {
		this.file = file;
		this.index = index;
		if (chained(file)) {
			byte[] start = HEX.parseHex(file.chainStates().get(index));
			this.chain = Sha256Chain.resume(start, (long) index * file.chunkSize());
			this.own = null;
		}
		else {
			this.chain = null;
			this.own = ChunkHasher.sha256();
		}
	}

	/** Starts the check of one chunk of a file. */
	public static ChunkDigest of(SharedFile file, int index) {
		return new ChunkDigest(file, index);
	}

	/**
	 * Whether the chunks of this file are checked against its chain states: it has them,
	 * in a form that can be, and this JVM can resume SHA-256.
	 */
	public static boolean chained(SharedFile file) {
		List<String> states = file.chainStates();
		return states != null && Sha256Chain.chains(file.chunkSize()) && states.size() == file.chunkHashes().size();
	}

	/** Whether this chunk is checked against the chain states. */
	public boolean isChained() {
		return this.chain != null;
	}

	public void update(byte[] bytes, int offset, int length) {
		if (this.chain != null) {
			this.chain.update(bytes, offset, length);
		}
		else {
			this.own.update(bytes, offset, length);
		}
	}

	/**
	 * Hashes {@code length} bytes of a buffer from index {@code offset}, leaving its
	 * position and limit as they are. The JDK's SHA-256 hashes arrays, so the bytes pass
	 * through {@code scratch} a few KiB at a time, where they stay in the core's cache.
	 */
	public void update(ByteBuffer bytes, int offset, int length, byte[] scratch) {
		for (int done = 0; done < length;) {
			int slice = Math.min(scratch.length, length - done);
			bytes.get(offset + done, scratch, 0, slice);
			update(scratch, 0, slice);
			done += slice;
		}
	}

	/**
	 * Whether the bytes given to {@link #update} were this chunk. Once only.
	 */
	public boolean matches() {
		if (this.chain == null) {
			return new Sha256(this.own.digest()).equals(Sha256.ofHex(this.file.chunkHashes().get(this.index)));
		}
		List<String> states = this.file.chainStates();
		if (this.index + 1 < states.size()) {
			return new Sha256(this.chain.state()).equals(Sha256.ofHex(states.get(this.index + 1)));
		}
		return new Sha256(this.chain.finish()).equals(Sha256.ofHex(this.file.sha256()));
	}

	/** Checks one chunk held whole in memory. */
	public static boolean matches(SharedFile file, int index, byte[] bytes, int length) {
		ChunkDigest digest = of(file, index);
		digest.update(bytes, 0, length);
		return digest.matches();
	}

}
