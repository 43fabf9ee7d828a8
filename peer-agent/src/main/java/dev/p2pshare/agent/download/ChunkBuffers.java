package dev.p2pshare.agent.download;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The memory for chunks in flight, which are held until verified and only then written:
 * at most {@code capacity} bytes handed out at once (one buffer is always allowed, so a
 * chunk larger than the budget still downloads, one at a time), reused between chunks.
 */
final class ChunkBuffers {

	private final long capacity;

	private final Map<Integer, ArrayDeque<byte[]>> free = new HashMap<>();

	private long used;

	private long freeBytes;

	ChunkBuffers(long capacity) {
		this.capacity = capacity;
	}

	/** A buffer of this size, or {@code null} when the budget is spent. */
	synchronized byte[] tryTake(int size) {
		if (this.used > 0 && this.used + size > this.capacity) {
			return null;
		}
		this.used += size;
		ArrayDeque<byte[]> same = this.free.get(size);
		if (same != null && !same.isEmpty()) {
			this.freeBytes -= size;
			return same.poll();
		}
		this.free.clear();
		this.freeBytes = 0;
		return new byte[size];
	}

	synchronized void give(byte[] buffer) {
		this.used -= buffer.length;
		if (this.used + this.freeBytes + buffer.length <= this.capacity) {
			this.free.computeIfAbsent(buffer.length, (size) -> new ArrayDeque<>()).push(buffer);
			this.freeBytes += buffer.length;
		}
	}

	synchronized long inUse() {
		return this.used;
	}

}
