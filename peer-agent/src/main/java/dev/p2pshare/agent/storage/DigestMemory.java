package dev.p2pshare.agent.storage;

/**
 * The memory that downloads may hold, all together, in copies of chunks that arrived
 * ahead of their whole file's SHA-256 ({@code peer.transfer.digest-memory}). Each
 * download takes from it one chunk-sized array at a time and gives it all back when its
 * partial file closes.
 */
public final class DigestMemory {

	private final long capacity;

	private long used;

	public DigestMemory(long capacity) {
		this.capacity = capacity;
	}

	synchronized boolean tryTake(long bytes) {
		if (this.used + bytes > this.capacity) {
			return false;
		}
		this.used += bytes;
		return true;
	}

	synchronized boolean hasRoomFor(long bytes) {
		return this.used + bytes <= this.capacity;
	}

	synchronized void give(long bytes) {
		this.used -= bytes;
	}

	synchronized long inUse() {
		return this.used;
	}

}
