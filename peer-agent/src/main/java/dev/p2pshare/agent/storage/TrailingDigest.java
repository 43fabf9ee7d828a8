package dev.p2pshare.agent.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntPredicate;

import dev.p2pshare.agent.protocol.Sha256;
import dev.p2pshare.dto.SharedFile;

/**
 * The SHA-256 of a whole file, computed while its chunks arrive: it follows the
 * contiguous run of written chunks from the start, so when the last chunk lands only the
 * chunks after that run are still to hash, not the whole file. Chunks arriving in order
 * are hashed from the worker's buffer; a chunk that closes a gap is read back (past the
 * page cache when it was written past it). Thread-safe: a writer that finds another one
 * hashing leaves its chunk to it or to {@link #finish}.
 */
final class TrailingDigest {

	private final SharedFile file;

	private final FileChannel channel;

	private final DirectChannel direct;

	private final int chunkCount;

	private final ReentrantLock lock = new ReentrantLock();

	private MessageDigest digest = ChunkHasher.sha256();

	/** The chunks before this one are in the digest. */
	private int next;

	/** A read failed in the middle of a chunk: the digest is no good and starts over. */
	private boolean broken;

	/** Reads chunks back, under the lock; made when first needed. */
	private ByteBuffer readBack;

	/**
	 * @param file the file's layout
	 * @param channel the partial file, where chunks are read back from
	 * @param direct the partial file opened for direct writes, where chunks are read back
	 * from if it can, or {@code null}
	 */
	TrailingDigest(SharedFile file, FileChannel channel, DirectChannel direct) {
		this.file = file;
		this.channel = channel;
		this.direct = direct;
		this.chunkCount = file.chunkHashes().size();
	}

	/**
	 * A chunk was written; hashes it and the written chunks after it if it extends the
	 * run, unless another thread is hashing now.
	 * @param index the chunk written
	 * @param bytes its bytes
	 * @param length how many of {@code bytes} are the chunk
	 * @param written whether a chunk is written
	 */
	void written(int index, byte[] bytes, int length, IntPredicate written) {
		if (!this.lock.tryLock()) {
			return;
		}
		try {
			while (!this.broken && this.next < this.chunkCount && written.test(this.next)) {
				if (this.next == index) {
					this.digest.update(bytes, 0, length);
				}
				else {
					readBack(this.next);
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
	Sha256 finish() throws IOException {
		this.lock.lock();
		try {
			if (this.broken) {
				this.digest = ChunkHasher.sha256();
				this.next = 0;
				this.broken = false;
			}
			for (; this.next < this.chunkCount; this.next++) {
				readBack(this.next);
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

	/** Reads chunk {@code index} whole from the partial file into the digest. */
	private void readBack(int index) throws IOException {
		if (this.readBack == null) {
			this.readBack = ByteBuffer.allocate(Math.min(this.file.chunkSize(), 1 << 20));
		}
		long position = (long) index * this.file.chunkSize();
		long end = Math.min(position + this.file.chunkSize(), this.file.size());
		if (this.direct != null && this.direct.readInto(this.digest, position, (int) (end - position))) {
			return;
		}
		while (position < end) {
			this.readBack.clear().limit((int) Math.min(this.readBack.capacity(), end - position));
			int read = this.channel.read(this.readBack, position);
			if (read < 0) {
				throw new IOException(
						"The partial file of " + this.file.name() + " ends before chunk " + index + " does");
			}
			this.digest.update(this.readBack.array(), 0, read);
			position += read;
		}
	}

}
