package dev.p2pshare.agent.download;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What a download has done so far: bytes, where its chunks came from, how long it took.
 * Its rate and time left count only the bytes received in this run, not those an earlier
 * run left on the disk, so that a download resumed at 90 % does not show a rate it never
 * had.
 */
final class DownloadProgress {

	private final long size;

	private final int chunksResumed;

	private final long bytesResumed;

	private final AtomicLong bytesReceived = new AtomicLong();

	private final Map<String, Integer> chunksBySource = new ConcurrentHashMap<>();

	private final LongSupplier nanoTime;

	private final long startedNanos;

	private final Instant startedAt = Instant.now();

	private volatile long finishedNanos;

	private volatile Instant finishedAt;

	DownloadProgress(long size, int chunksResumed, long bytesResumed) {
		this(size, chunksResumed, bytesResumed, System::nanoTime);
	}

	/** With a clock of its own, as {@link System#nanoTime()} counts. */
	DownloadProgress(long size, int chunksResumed, long bytesResumed, LongSupplier nanoTime) {
		this.size = size;
		this.chunksResumed = chunksResumed;
		this.bytesResumed = bytesResumed;
		this.nanoTime = nanoTime;
		this.startedNanos = nanoTime.getAsLong();
	}

	void chunkArrived(String peerId, int length) {
		this.bytesReceived.addAndGet(length);
		this.chunksBySource.merge(peerId, 1, Integer::sum);
	}

	/** Stops the clock; later calls keep the first time. */
	synchronized void finished() {
		if (this.finishedNanos == 0) {
			this.finishedAt = Instant.now();
			this.finishedNanos = this.nanoTime.getAsLong();
		}
	}

	long elapsedMillis() {
		long end = (this.finishedNanos != 0) ? this.finishedNanos : this.nanoTime.getAsLong();
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - this.startedNanos));
	}

	/** The bytes on the disk and verified: resumed ones and those received since. */
	long bytesDone() {
		return this.bytesResumed + this.bytesReceived.get();
	}

	/** The average rate of this run, in bytes per second. */
	long bytesPerSecond() {
		return this.bytesReceived.get() * 1000 / elapsedMillis();
	}

	/**
	 * The seconds left at this run's average rate, rounded up; {@code null} before any
	 * byte arrived and once the download ended.
	 */
	Long secondsLeft() {
		long received = this.bytesReceived.get();
		long left = this.size - bytesDone();
		if (this.finishedNanos != 0 || (received == 0 && left > 0)) {
			return null;
		}
		return (left <= 0) ? 0L : (long) Math.ceil((double) left * elapsedMillis() / (received * 1000.0));
	}

	Map<String, Integer> chunksBySource() {
		return Map.copyOf(this.chunksBySource);
	}

	DownloadStatus status(String fileName, DownloadState state, ChunkScheduler scheduler, int chunkCount,
			String message) {
		long now = System.nanoTime();
		long done = bytesDone();
		int percent = (this.size == 0) ? 100 : (int) (done * 100 / this.size);
		return new DownloadStatus(fileName, state, this.size, chunkCount, scheduler.haveCount(), this.chunksResumed,
				done, percent, bytesPerSecond(), secondsLeft(), this.startedAt, this.finishedAt,
				scheduler.usableSources(now), scheduler.bannedSources(now), scheduler.inFlightCount(), chunksBySource(),
				message);
	}

}
