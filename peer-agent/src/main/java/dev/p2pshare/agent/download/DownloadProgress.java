package dev.p2pshare.agent.download;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a download has done so far: bytes, where its chunks came from, how long it took.
 */
final class DownloadProgress {

	private final long size;

	private final int chunksResumed;

	private final AtomicLong bytesDone;

	private final Map<String, Integer> chunksBySource = new ConcurrentHashMap<>();

	private final long startedNanos = System.nanoTime();

	private final Instant startedAt = Instant.now();

	private volatile long finishedNanos;

	private volatile Instant finishedAt;

	DownloadProgress(long size, int chunksResumed, long bytesResumed) {
		this.size = size;
		this.chunksResumed = chunksResumed;
		this.bytesDone = new AtomicLong(bytesResumed);
	}

	void chunkArrived(String peerId, int length) {
		this.bytesDone.addAndGet(length);
		this.chunksBySource.merge(peerId, 1, Integer::sum);
	}

	/** Stops the clock; later calls keep the first time. */
	synchronized void finished() {
		if (this.finishedNanos == 0) {
			this.finishedAt = Instant.now();
			this.finishedNanos = System.nanoTime();
		}
	}

	long elapsedMillis() {
		long end = (this.finishedNanos != 0) ? this.finishedNanos : System.nanoTime();
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - this.startedNanos));
	}

	Map<String, Integer> chunksBySource() {
		return Map.copyOf(this.chunksBySource);
	}

	DownloadStatus status(String fileName, DownloadState state, ChunkScheduler scheduler, int chunkCount,
			String message) {
		long now = System.nanoTime();
		long done = this.bytesDone.get();
		int percent = (this.size == 0) ? 100 : (int) (done * 100 / this.size);
		return new DownloadStatus(fileName, state, this.size, chunkCount, scheduler.haveCount(), this.chunksResumed,
				done, percent, done * 1000 / elapsedMillis(), this.startedAt, this.finishedAt,
				scheduler.usableSources(now), scheduler.bannedSources(now), chunksBySource(), message);
	}

}
