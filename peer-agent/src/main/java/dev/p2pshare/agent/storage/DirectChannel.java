package dev.p2pshare.agent.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A partial file opened a second time with {@code O_DIRECT}, so that verified chunks go
 * to the disk without being copied into the page cache first. Copying into fresh
 * page-cache pages was most of what a download cost in CPU on the development VM
 * (bench/README.md: 1 GiB took 3 s of system time buffered, 0.2 s direct). Chunks
 * uploaded to other peers are then read from the disk into the page cache instead of
 * found there; in the swarm benchmark that cost about what it saved. Only whole blocks at
 * block-aligned offsets can go this way; anything else, or everything once a direct write
 * has failed, is left to the buffered channel, which is always correct.
 */
final class DirectChannel implements Closeable {

	private static final Logger logger = LoggerFactory.getLogger(DirectChannel.class);

	/**
	 * Bytes per read, and per write of a chunk copied into an aligned buffer first: these
	 * buffers live outside the heap, one per write in progress, so they are kept small. A
	 * chunk in an aligned buffer of its own is written from it in one call.
	 */
	private static final int SLICE = 256 * 1024;

	private final DirectFile file;

	private final String name;

	private final int bufferSize;

	/** Aligned buffers, one per write in progress, reused. */
	private final ConcurrentLinkedQueue<ByteBuffer> buffers = new ConcurrentLinkedQueue<>();

	private volatile boolean failed;

	private DirectChannel(DirectFile file, String name, int bufferSize) {
		this.file = file;
		this.name = name;
		this.bufferSize = bufferSize;
	}

	/**
	 * Opens the file for direct writes, or returns {@code null} when its chunks do not
	 * start on block boundaries or the file system does not take {@code O_DIRECT} (tmpfs
	 * on older kernels, for one).
	 * @param data the partial file, already created
	 * @param chunkSize the file's chunk size in bytes
	 * @param name the file's name, for the log
	 */
	static DirectChannel open(Path data, int chunkSize, String name) {
		DirectFile direct = DirectFile.open(data, chunkSize, StandardOpenOption.READ, StandardOpenOption.WRITE);
		return (direct != null) ? new DirectChannel(direct, name, Math.min(chunkSize, SLICE)) : null;
	}

	/**
	 * Writes the bytes at this position, if they are whole blocks at a block boundary:
	 * from {@code bytes} itself when it is a direct buffer at an aligned address, through
	 * an aligned buffer of this channel's otherwise.
	 * @param bytes the bytes from index 0, its position and limit left as they are
	 * @return {@code false} when nothing was written and the caller must write them
	 * @throws ClosedChannelException when the file was closed, or the writing thread
	 * interrupted, which closes it: the download is stopping
	 */
	boolean write(long position, ByteBuffer bytes, int length) throws ClosedChannelException {
		if (!fits(position, length)) {
			return false;
		}
		try {
			if (bytes.isDirect() && Integer.bitCount(this.file.block()) == 1
					&& bytes.alignmentOffset(0, this.file.block()) == 0) {
				writeFully(bytes.duplicate().limit(length).position(0), position);
			}
			else {
				writeThroughAligned(position, bytes, length);
			}
			return true;
		}
		catch (ClosedChannelException ex) {
			throw ex;
		}
		catch (IOException ex) {
			giveUp("write", ex);
			return false;
		}
	}

	private void writeThroughAligned(long position, ByteBuffer bytes, int length) throws IOException {
		ByteBuffer buffer = take();
		try {
			for (int done = 0; done < length;) {
				int slice = Math.min(this.bufferSize, length - done);
				buffer.clear();
				buffer.put(0, bytes, done, slice).limit(slice);
				writeFully(buffer, position + done);
				done += slice;
			}
		}
		finally {
			this.buffers.offer(buffer);
		}
	}

	/** Writes a buffer from its index 0 to its limit at this position. */
	private void writeFully(ByteBuffer buffer, long position) throws IOException {
		while (buffer.hasRemaining()) {
			this.file.channel().write(buffer, position + buffer.position());
		}
	}

	/**
	 * Reads {@code length} bytes at this position into the digest, past the page cache
	 * (what was just written directly is not in it). After a failed read, which may have
	 * put part of the bytes into the digest, reads go through the page cache.
	 * @return {@code false} when nothing was read and the caller must read them
	 */
	boolean readInto(MessageDigest digest, long position, int length) throws IOException {
		if (this.failed || position % this.file.block() != 0) {
			return false;
		}
		ByteBuffer buffer = take();
		try {
			for (int done = 0; done < length;) {
				int slice = Math.min(this.bufferSize, length - done);
				buffer.clear().limit(this.file.roundUp(slice));
				while (buffer.position() < slice) {
					if (this.file.channel().read(buffer, position + done + buffer.position()) < 0) {
						throw new IOException("The partial file of " + this.name + " ends before byte "
								+ (position + length) + " does");
					}
				}
				digest.update(buffer.flip().limit(slice));
				done += slice;
			}
			return true;
		}
		catch (ClosedChannelException ex) {
			throw ex;
		}
		catch (IOException ex) {
			giveUp("read", ex);
			throw ex;
		}
		finally {
			this.buffers.offer(buffer);
		}
	}

	private boolean fits(long position, int length) {
		return !this.failed && position % this.file.block() == 0 && length % this.file.block() == 0;
	}

	private ByteBuffer take() {
		ByteBuffer buffer = this.buffers.poll();
		return (buffer != null) ? buffer
				: ByteBuffer.allocateDirect(this.bufferSize + this.file.block())
					.alignedSlice(this.file.block())
					.limit(this.bufferSize);
	}

	private void giveUp(String what, IOException ex) {
		if (!this.failed) {
			this.failed = true;
			logger.warn("Using the page cache for {} from now on: a direct {} failed: {}", this.name, what,
					DiskErrors.describe(ex));
		}
	}

	@Override
	public void close() throws IOException {
		this.file.channel().close();
	}

}
