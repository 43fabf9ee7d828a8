package dev.p2pshare.agent.storage;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntPredicate;

import dev.p2pshare.agent.protocol.Sha256;

/**
 * The SHA-256 of a whole file, computed while its chunks arrive: it follows the
 * contiguous run of written chunks from the start, so when the last chunk lands only the
 * chunks after that run are still to hash, not the whole file. Chunks arriving in order
 * are hashed from the worker's buffer; a chunk that closes a gap is read back (from the
 * page cache, most likely). Thread-safe: a writer that finds another one hashing leaves
 * its chunk to it or to {@link #finish}.
 */
final class TrailingDigest {

	/** Reads chunk {@code index} whole and feeds it to the digest. */
	interface ChunkReader {

		void digest(int index, MessageDigest digest) throws IOException;

	}

	private final int chunkCount;

	private final ReentrantLock lock = new ReentrantLock();

	private MessageDigest digest = ChunkHasher.sha256();

	/** The chunks before this one are in the digest. */
	private int next;

	/** A read failed in the middle of a chunk: the digest is no good and starts over. */
	private boolean broken;

	TrailingDigest(int chunkCount) {
		this.chunkCount = chunkCount;
	}

	/**
	 * A chunk was written; hashes it and the written chunks after it if it extends the
	 * run, unless another thread is hashing now.
	 * @param index the chunk written
	 * @param bytes its bytes
	 * @param length how many of {@code bytes} are the chunk
	 * @param written whether a chunk is written
	 * @param reader reads the written chunks after it
	 */
	void written(int index, byte[] bytes, int length, IntPredicate written, ChunkReader reader) {
		if (!this.lock.tryLock()) {
			return;
		}
		try {
			while (!this.broken && this.next < this.chunkCount && written.test(this.next)) {
				if (this.next == index) {
					this.digest.update(bytes, 0, length);
				}
				else {
					reader.digest(this.next, this.digest);
				}
				this.next++;
			}
		}
		catch (IOException ex) {
			// the file is closing, or the disk failed: finish() reads it all again
			this.broken = true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The whole file's SHA-256, once every chunk is written: hashes what is not hashed
	 * yet, reading it back. Called once; the digest is used up.
	 */
	Sha256 finish(ChunkReader reader) throws IOException {
		this.lock.lock();
		try {
			if (this.broken) {
				this.digest = ChunkHasher.sha256();
				this.next = 0;
				this.broken = false;
			}
			for (; this.next < this.chunkCount; this.next++) {
				reader.digest(this.next, this.digest);
			}
			return new Sha256(this.digest.digest());
		}
		catch (IOException ex) {
			this.broken = true;
			throw ex;
		}
		finally {
			this.lock.unlock();
		}
	}

}
