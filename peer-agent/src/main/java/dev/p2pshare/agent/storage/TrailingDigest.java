package dev.p2pshare.agent.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

import dev.p2pshare.agent.protocol.Sha256;
import dev.p2pshare.dto.SharedFile;

/**
 * The SHA-256 of a whole file, computed while its chunks arrive: it follows the
 * contiguous run of written chunks from the start, so when the last chunk lands only the
 * chunks after that run are still to hash, not the whole file. A chunk that arrives when
 * the run reaches it is hashed from the worker's buffer; one that arrives ahead of the
 * run, or while another thread is hashing, is copied and kept until the run reaches it,
 * within the agent's {@link DigestMemory}. Only chunks beyond that, and those verified by
 * an earlier run, are read back from the partial file (past the page cache when they were
 * written past it). Reading every chunk back, as it did before, cost the disk a second
 * pass over the file (bench/README.md). Thread-safe: whoever holds the hashing lock
 * hashes for everyone.
 */
final class TrailingDigest {

	/**
	 * How long a writer waits for room before it looks again (a notice may be missed).
	 */
	private static final long ROOM_WAIT_MILLIS = 10;

	private final SharedFile file;

	private final FileChannel channel;

	private final DirectChannel direct;

	private final int chunkCount;

	private final DigestMemory memory;

	/** Held while hashing; guards {@link #digest} and {@link #readBack}. */
	private final ReentrantLock hashing = new ReentrantLock();

	private MessageDigest digest = ChunkHasher.sha256();

	/** Reads chunks back, under the hashing lock; made when first needed. */
	private ByteBuffer readBack;

	// the fields below are guarded by this object's monitor

	/** The chunks before this one are in the digest. */
	private int next;

	/** A read failed in the middle of a chunk: the digest is no good and starts over. */
	private boolean broken;

	/** Copies of written chunks the run has not reached yet, by index. */
	private final TreeMap<Integer, Kept> kept = new TreeMap<>();

	/**
	 * Arrays of one chunk's size taken from {@link #memory}, free for the next copies.
	 */
	private final ArrayDeque<byte[]> spare = new ArrayDeque<>();

	/** Bytes taken from {@link #memory}: the kept copies' arrays and the spare ones. */
	private long taken;

	private boolean closed;

	/** Chunks written whose bytes only the partial file has. */
	private final BitSet onDisk;

	/** Chunks read back from the partial file so far. */
	private int readBackCount;

	/**
	 * @param file the file's layout
	 * @param channel the partial file, where chunks are read back from
	 * @param direct the partial file opened for direct writes, where chunks are read back
	 * from if it can, or {@code null}
	 * @param verified the chunks already in the partial file
	 * @param memory where copies of chunks ahead of the run take their memory from
	 */
	TrailingDigest(SharedFile file, FileChannel channel, DirectChannel direct, BitSet verified, DigestMemory memory) {
		this.file = file;
		this.channel = channel;
		this.direct = direct;
		this.chunkCount = file.chunkHashes().size();
		this.onDisk = (BitSet) verified.clone();
		this.memory = memory;
	}

	/**
	 * A chunk was written to the partial file: hashes it and the chunks after it that are
	 * waiting if it extends the run, or keeps it for later.
	 * @param index the chunk written
	 * @param bytes its bytes from index 0, which the caller may reuse once this returns
	 * @param length how many of {@code bytes} are the chunk
	 */
	void written(int index, ByteBuffer bytes, int length) {
		if (this.hashing.tryLock()) {
			try {
				if (isNext(index)) {
					this.digest.update(bytes.duplicate().limit(length).position(0));
					advance();
				}
				else {
					keep(index, bytes, length);
				}
				hashWhatIsReady();
			}
			finally {
				this.hashing.unlock();
			}
		}
		else {
			makeRoom();
			keep(index, bytes, length);
		}
		// whoever held the lock may have let go just before this chunk was kept
		while (nextIsReady() && this.hashing.tryLock()) {
			try {
				hashWhatIsReady();
			}
			finally {
				this.hashing.unlock();
			}
		}
	}

	/**
	 * The whole file's SHA-256, once every chunk is written: hashes what is not hashed
	 * yet, reading it back where no copy is kept. Called once; the digest is used up.
	 */
	Sha256 finish() throws IOException {
		this.hashing.lock();
		try {
			synchronized (this) {
				if (this.broken) {
					this.digest = ChunkHasher.sha256();
					this.next = 0;
					this.broken = false;
				}
			}
			for (int index = currentNext(); index < this.chunkCount; index = currentNext()) {
				hashChunk(index, takeKept(index));
			}
			return new Sha256(this.digest.digest());
		}
		catch (IOException ex) {
			synchronized (this) {
				this.broken = true;
			}
			throw ex;
		}
		finally {
			this.hashing.unlock();
		}
	}

	/** Gives the memory back; the chunks kept by then are left to the disk. */
	synchronized void close() {
		this.kept.keySet().forEach(this.onDisk::set);
		this.kept.clear();
		this.spare.clear();
		this.memory.give(this.taken);
		this.taken = 0;
		this.closed = true;
		notifyAll();
	}

	synchronized int readBackCount() {
		return this.readBackCount;
	}

	/**
	 * Waits, or hashes, while no copy can be taken and the run's next chunk is here: the
	 * hash is then what lags, so this chunk waits for it rather than go to the disk and
	 * be read back, which costs more of the CPU the hash lacks. Never waits for a chunk
	 * still on the network.
	 */
	private void makeRoom() {
		while (true) {
			synchronized (this) {
				if (this.closed || hasRoom() || !nextIsReady()) {
					return;
				}
			}
			if (this.hashing.tryLock()) {
				try {
					hashWhatIsReady();
				}
				finally {
					this.hashing.unlock();
				}
				continue;
			}
			synchronized (this) {
				if (!this.closed && !hasRoom() && nextIsReady()) {
					try {
						wait(ROOM_WAIT_MILLIS);
					}
					catch (InterruptedException ex) {
						// the download is stopping: the chunk goes to the disk only
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}
	}

	/** Under the hashing lock: hashes the run onwards while its next chunk is here. */
	private void hashWhatIsReady() {
		try {
			while (true) {
				int index;
				Kept copy;
				synchronized (this) {
					index = this.next;
					if (this.broken || index >= this.chunkCount) {
						return;
					}
					copy = takeKept(index);
					if (copy == null && !this.onDisk.get(index)) {
						return;
					}
				}
				hashChunk(index, copy);
			}
		}
		catch (IOException ex) {
			// the file is closing, or the disk failed: finish() reads it all again
			synchronized (this) {
				this.broken = true;
			}
		}
	}

	/** Under the hashing lock: hashes the run's next chunk, from its copy or the disk. */
	private void hashChunk(int index, Kept copy) throws IOException {
		if (copy != null) {
			this.digest.update(copy.bytes(), 0, copy.length());
			synchronized (this) {
				if (!this.closed) {
					this.spare.push(copy.bytes());
				}
			}
		}
		else {
			readBack(index);
		}
		advance();
	}

	private synchronized boolean isNext(int index) {
		return !this.broken && index == this.next;
	}

	private synchronized boolean nextIsReady() {
		return !this.broken && this.next < this.chunkCount
				&& (this.kept.containsKey(this.next) || this.onDisk.get(this.next));
	}

	private synchronized int currentNext() {
		return this.next;
	}

	private synchronized void advance() {
		this.next++;
		notifyAll();
	}

	/**
	 * Under this object's monitor: whether a copy can be made without giving up another.
	 */
	private boolean hasRoom() {
		return !this.spare.isEmpty() || this.memory.hasRoomFor(this.file.chunkSize());
	}

	/**
	 * Keeps a copy of a chunk ahead of the run if there is memory for it; without, a copy
	 * further from the run than this chunk is given up for it, or this chunk is left to
	 * the disk.
	 */
	private synchronized void keep(int index, ByteBuffer bytes, int length) {
		if (index < this.next || this.closed) {
			return;
		}
		byte[] copy = this.spare.poll();
		if (copy == null && this.memory.tryTake(this.file.chunkSize())) {
			this.taken += this.file.chunkSize();
			copy = new byte[this.file.chunkSize()];
		}
		if (copy == null && !this.kept.isEmpty() && this.kept.lastKey() > index) {
			Map.Entry<Integer, Kept> furthest = this.kept.pollLastEntry();
			this.onDisk.set(furthest.getKey());
			copy = furthest.getValue().bytes();
		}
		if (copy == null) {
			this.onDisk.set(index);
			return;
		}
		bytes.get(0, copy, 0, length);
		this.kept.put(index, new Kept(copy, length));
	}

	private synchronized Kept takeKept(int index) {
		return this.kept.remove(index);
	}

	/**
	 * Under the hashing lock: reads chunk {@code index} from the partial file into the
	 * digest.
	 */
	private void readBack(int index) throws IOException {
		synchronized (this) {
			this.readBackCount++;
		}
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

	private record Kept(byte[] bytes, int length) {
	}

}
