package dev.p2pshare.agent.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

import dev.p2pshare.agent.storage.AlignedBuffers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory for chunks in flight, which are held until verified and only then written:
 * at most {@code capacity} bytes handed out at once (one buffer is always allowed, so a
 * chunk larger than the budget still downloads, one at a time), reused between chunks.
 * The buffers live outside the heap, aligned for direct writes ({@link AlignedBuffers}),
 * in memory the JDK's own direct buffers share: when it runs out, the budget shrinks to
 * the buffers in use, and downloads wait for one to come back.
 */
final class ChunkBuffers {

	private static final Logger logger = LoggerFactory.getLogger(ChunkBuffers.class);

	private long capacity;

	private final IntFunction<ByteBuffer> allocator;

	private final Map<Integer, ArrayDeque<ByteBuffer>> free = new HashMap<>();

	private long used;

	private long freeBytes;

	ChunkBuffers(long capacity) {
		this(capacity, AlignedBuffers::allocate);
	}

	/**
	 * @param allocator a new buffer of the size asked for; an {@link OutOfMemoryError}
	 * when there is no memory for it
	 */
	ChunkBuffers(long capacity, IntFunction<ByteBuffer> allocator) {
		this.capacity = capacity;
		this.allocator = allocator;
	}

	/**
	 * A buffer of this size, or {@code null} when the budget is spent, or the memory
	 * outside the heap while buffers are in use (which then becomes the budget).
	 * @throws IOException when there is no memory outside the heap for one buffer
	 */
	synchronized ByteBuffer tryTake(int size) throws IOException {
		if (this.used > 0 && this.used + size > this.capacity) {
			return null;
		}
		this.used += size;
		ArrayDeque<ByteBuffer> same = this.free.get(size);
		if (same != null && !same.isEmpty()) {
			this.freeBytes -= size;
			return same.poll().clear();
		}
		this.free.clear();
		this.freeBytes = 0;
		try {
			return this.allocator.apply(size);
		}
		catch (OutOfMemoryError ex) {
			this.used -= size;
			if (this.used > 0) {
				// the JDK waits up to half a second before it refuses: not asked again
				this.capacity = this.used;
				logger.warn(
						"The memory outside the heap ran out with {} bytes of chunks in flight; keeping to that"
								+ " (-XX:MaxDirectMemorySize is {} bytes, by default the maximum heap size)",
						this.used, AlignedBuffers.directMemoryLimit());
				return null;
			}
			throw new IOException("No memory outside the heap for a chunk of " + size + " bytes (the JVM allows "
					+ AlignedBuffers.directMemoryLimit() + " bytes there: -XX:MaxDirectMemorySize, by default the"
					+ " maximum heap size): " + ex.getMessage(), ex);
		}
	}

	synchronized void give(ByteBuffer buffer) {
		this.used -= buffer.capacity();
		if (this.used + this.freeBytes + buffer.capacity() <= this.capacity) {
			this.free.computeIfAbsent(buffer.capacity(), (size) -> new ArrayDeque<>()).push(buffer);
			this.freeBytes += buffer.capacity();
		}
	}

	synchronized long inUse() {
		return this.used;
	}

}
