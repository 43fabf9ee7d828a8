package dev.p2pshare.agent.download;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import dev.p2pshare.agent.storage.AlignedBuffers;

/**
 * The memory for chunks in flight, which are held until verified and only then written:
 * at most {@code capacity} bytes handed out at once (one buffer is always allowed, so a
 * chunk larger than the budget still downloads, one at a time), reused between chunks.
 * The buffers live outside the heap, aligned for direct writes ({@link AlignedBuffers}).
 */
final class ChunkBuffers {

	private final long capacity;

	private final Map<Integer, ArrayDeque<ByteBuffer>> free = new HashMap<>();

	private long used;

	private long freeBytes;

	ChunkBuffers(long capacity) {
		this.capacity = capacity;
	}

	/** A buffer of this size, or {@code null} when the budget is spent. */
	synchronized ByteBuffer tryTake(int size) {
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
		return AlignedBuffers.allocate(size);
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
