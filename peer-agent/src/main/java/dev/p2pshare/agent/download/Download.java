package dev.p2pshare.agent.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.p2pshare.agent.download.ChunkWorker.Claim;
import dev.p2pshare.agent.storage.DiskErrors;
import dev.p2pshare.agent.storage.PartialFile;
import dev.p2pshare.agent.storage.SafeNames;
import dev.p2pshare.agent.storage.SharedEntry;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.PeerLocation;
import dev.p2pshare.dto.SharedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.client.RestClientException;

/**
 * One file being downloaded. A coordinator thread asks the tracker for sources now and
 * then, starts streams on the worker threads as the {@link ChunkScheduler} picks chunks,
 * and finishes the file; each worker fetches a chunk into memory, checks it against the
 * tracker's hash, writes it at its offset and makes it available to other peers at once,
 * and as the chunk ends picks the next one itself, which goes on the same connection
 * ({@link ChunkWorker}) when it is that peer's.
 */
final class Download implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(Download.class);

	private static final long SAVE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);

	private final DownloadContext context;

	private final SharedFile file;

	private final PartialFile partial;

	private final SharedEntry entry;

	private final ChunkScheduler scheduler;

	private final ConnectionPool connections;

	private final String selfPeerId;

	private final BlockingQueue<Report> reports = new LinkedBlockingQueue<>();

	private final DownloadProgress progress;

	private final StreamClaims claims;

	private final ChunkWorker worker;

	private final Consumer<List<PeerLocation>> holdersHeard = (holders) -> this.reports.add(new Report(null, holders));

	private FileLocations firstSources;

	private volatile DownloadState state = DownloadState.DOWNLOADING;

	private volatile String message = "";

	private volatile boolean stopRequested;

	/**
	 * @param firstSources the tracker's answer this download starts from, so that its
	 * first chunks do not wait for a second lookup; null to ask the tracker first
	 */
	Download(DownloadContext context, PartialFile partial, SharedEntry entry, String selfPeerId,
			FileLocations firstSources) {
		this.context = context;
		this.firstSources = firstSources;
		this.file = partial.file();
		this.partial = partial;
		this.entry = entry;
		this.selfPeerId = selfPeerId;
		BitSet verified = partial.verified();
		var transfer = context.properties().transfer();
		this.scheduler = new ChunkScheduler(this.file.chunkHashes().size(), verified, transfer.maxParallelChunks(),
				transfer.perPeerInFlight(), transfer.failuresBeforeBan(), transfer.banDuration().toNanos(),
				context.random());
		this.connections = new ConnectionPool(transfer.connectTimeout(), transfer.readTimeout(), transfer.askAhead(),
				context.codec());
		long bytesResumed = 0;
		for (int index = verified.nextSetBit(0); index >= 0; index = verified.nextSetBit(index + 1)) {
			bytesResumed += entry.chunkLength(index);
		}
		this.progress = new DownloadProgress(this.file.size(), verified.cardinality(), bytesResumed);
		this.claims = new StreamClaims(context.buffers(), this.file.chunkSize(), this.scheduler, this::launch,
				this::execute, () -> this.reports.add(Report.SLOT_FREED));
		this.worker = new ChunkWorker(context, partial, entry, this.scheduler, this.connections, this.progress,
				this.claims);
	}

	String fileName() {
		return this.file.name();
	}

	DownloadState state() {
		return this.state;
	}

	/** Sets this download's share of the agent's chunks in flight. */
	void shareInFlight(int max) {
		this.scheduler.limitInFlight(max);
		// a larger share is used at once, not at the next chunk
		this.reports.add(Report.SLOT_FREED);
	}

	/** Asks the download to stop; it keeps what it verified for the next start. */
	void stop() {
		this.stopRequested = true;
		this.claims.close();
		this.reports.add(Report.STOP);
	}

	@Override
	public void run() {
		Thread.currentThread().setName("download-" + this.file.name());
		logger.info("Downloading {} ({} bytes, {} chunks, {} already verified)", this.file.name(), this.file.size(),
				this.file.chunkHashes().size(), this.scheduler.haveCount());
		this.context.sync().listenForHolders(this.file.name(), this.holdersHeard);
		try {
			if (this.context.properties().transfer().preallocate() && this.partial.reserveSpace()) {
				logger.debug("Reserved {} bytes on disk for {}", this.file.size(), this.file.name());
			}
			fetchAllChunks();
			if (this.stopRequested) {
				this.partial.saveState();
				end(DownloadState.STOPPED);
				return;
			}
			finish();
		}
		catch (IOException ex) {
			fail(ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			end(DownloadState.STOPPED);
		}
		finally {
			this.claims.close();
			this.context.sync().stopListening(this.file.name(), this.holdersHeard);
			this.connections.close();
			this.progress.finished();
			closePartial();
		}
	}

	/**
	 * Closes the partial file, as finishing and failing already did; a stopped download
	 * leaves it too, giving back its descriptors and the memory of its kept chunks. A
	 * chunk still arriving then fails to write and is fetched again on resume.
	 */
	private void closePartial() {
		try {
			this.partial.close();
		}
		catch (IOException ex) {
			logger.debug("Could not close the partial file of {}", this.file.name(), ex);
		}
	}

	private void fetchAllChunks() throws IOException, InterruptedException {
		var transfer = this.context.properties().transfer();
		// a report leaves chunk-report-delay after the last one's answer, and its own
		// answer comes a round trip later: twice the delay leaves a busy tracker room
		SourcesClock clock = new SourcesClock(transfer.locationsRefresh().toNanos(),
				transfer.starvedRefresh().toNanos(), 2 * transfer.chunkReportDelay().toNanos());
		long nextSave = System.nanoTime() + SAVE_EVERY_NANOS;
		long nextLog = System.nanoTime() + LOG_EVERY_NANOS;
		if (this.firstSources != null) {
			clock.asked(System.nanoTime(), useSources(this.firstSources));
			this.firstSources = null;
		}
		while (!this.scheduler.isComplete() && !this.stopRequested) {
			long now = System.nanoTime();
			if (now >= clock.askAt()) {
				clock.asked(now, refreshSources());
			}
			if (dispatch(now)) {
				// a young swarm's sources gain chunks every moment
				clock.starved();
			}
			Report report = this.reports.poll(Math.max(1, clock.askAt() - System.nanoTime()), TimeUnit.NANOSECONDS);
			while (report != null) {
				take(report, clock);
				report = this.reports.poll();
			}
			now = System.nanoTime();
			if (now >= nextSave) {
				this.partial.saveState();
				nextSave = now + SAVE_EVERY_NANOS;
			}
			if (now >= nextLog) {
				logProgress();
				nextLog = now + LOG_EVERY_NANOS;
			}
		}
	}

	/**
	 * Hands chunks to workers while memory and the scheduler allow.
	 * @return whether workers are left idle because the known sources hold nothing more
	 * to fetch
	 * @throws IOException when there is no memory for even one chunk
	 */
	private boolean dispatch(long now) throws IOException {
		while (true) {
			ByteBuffer buffer = this.context.buffers().tryTake(this.file.chunkSize());
			if (buffer == null) {
				return false;
			}
			Optional<Assignment> assignment = this.scheduler.next(now);
			if (assignment.isEmpty()) {
				this.context.buffers().give(buffer);
				int inFlight = this.scheduler.inFlightCount();
				this.message = (inFlight == 0 && this.scheduler.usableSources(now) == 0) ? "waiting for sources" : "";
				return inFlight < this.scheduler.maxInFlight();
			}
			this.message = "";
			launch(new Claim(assignment.get(), buffer));
		}
	}

	/** Starts a stream on a worker thread with its first chunk. */
	private void launch(Claim first) {
		try {
			execute(() -> this.worker.fetch(first));
		}
		catch (RuntimeException ex) {
			this.scheduler.failed(first.assignment(), System.nanoTime());
			this.scheduler.streamEnded(first.assignment().source());
			this.context.buffers().give(first.buffer());
			throw ex;
		}
	}

	private void take(Report report, SourcesClock clock) throws IOException {
		if (report.fatal() != null) {
			throw report.fatal();
		}
		if (report.holders() != null) {
			// a random few of a large swarm's holders: the others stay known until a
			// FILE_LOCATIONS of every holder leaves them out
			clock.heard(System.nanoTime(), this.scheduler
				.addSources(SourceMap.of(report.holders(), this.selfPeerId, this.file.chunkHashes().size())));
		}
	}

	/** Runs a worker's task and tells the coordinator when it is done. */
	private void execute(Supplier<IOException> task) {
		this.context.workers().execute(() -> {
			IOException fatal = null;
			try {
				fatal = task.get();
			}
			finally {
				this.reports.add(new Report(fatal, null));
			}
		});
	}

	/**
	 * Re-reads the sources from the tracker.
	 * @return whether they hold a missing chunk they were not known to hold before
	 */
	private boolean refreshSources() {
		try {
			Optional<FileLocations> locations = this.context.tracker().sources(this.file.name());
			if (locations.isEmpty()) {
				this.message = "the tracker no longer lists " + this.file.name();
				return false;
			}
			return useSources(locations.get());
		}
		catch (RestClientException ex) {
			logger.debug("Tracker unreachable while refreshing sources of {}; using the last ones: {}",
					this.file.name(), ex.getMessage());
			return false;
		}
	}

	private boolean useSources(FileLocations locations) {
		if (!locations.sha256().equalsIgnoreCase(this.file.sha256())) {
			this.message = "the tracker now lists other content under this name";
			return false;
		}
		Map<Source, BitSet> holdings = SourceMap.of(locations.peers(), this.selfPeerId, this.file.chunkHashes().size());
		// a random few of a larger swarm say nothing of the peers they leave out: those
		// stay known, and one that left fails, is banned and forgotten (ChunkScheduler)
		return locations.listsEveryHolder() ? this.scheduler.updateSources(holdings)
				: this.scheduler.addSources(holdings);
	}

	private void finish() throws IOException {
		this.state = DownloadState.VERIFYING;
		this.partial.saveState();
		if (!this.partial.matchesFileHash()) {
			this.partial.discard();
			throw new IOException("Every chunk matched its hash but the whole file does not match its SHA-256 "
					+ this.file.sha256() + "; the tracker's metadata is inconsistent");
		}
		Path target = SafeNames.resolve(this.context.state().shareDir(), this.file.name());
		try {
			this.partial.placeAt(target);
		}
		catch (FileAlreadyExistsException ex) {
			throw new IOException("A different file named " + this.file.name()
					+ " is already in the share directory; move it away and start the download again", ex);
		}
		catch (IOException ex) {
			throw new IOException(
					"Cannot move " + this.file.name() + " into the share directory: " + DiskErrors.describe(ex), ex);
		}
		this.entry.completedAt(target);
		this.context.scanner().adopt(this.file, target);
		this.context.sync().fileCompleted(this.file);
		end(DownloadState.COMPLETE);
		long millis = this.progress.elapsedMillis();
		logger.info("Downloaded {}: {} bytes in {} ms ({} KiB/s), verified, from {}", this.file.name(),
				this.file.size(), millis, this.file.size() * 1000 / 1024 / millis, this.progress.chunksBySource());
	}

	private void fail(String reason) {
		this.message = reason;
		end(DownloadState.FAILED);
		logger.error("Download of {} failed: {}", this.file.name(), reason);
		try (PartialFile closing = this.partial) {
			closing.saveState();
		}
		catch (IOException ex) {
			logger.debug("Could not save the resume state of {}, or close it", this.file.name(), ex);
		}
	}

	/**
	 * Stops the clock, then enters the state that ends the download: whoever sees the
	 * state sees when it was reached.
	 */
	private void end(DownloadState last) {
		this.progress.finished();
		this.state = last;
	}

	private void logProgress() {
		DownloadStatus status = status();
		logger.info("{}: {}% {}/{} chunks, {} KiB/s, {} source(s){}", status.fileName(), status.percent(),
				status.chunksDone(), status.chunkCount(), status.bytesPerSecond() / 1024, status.sources(),
				status.message().isEmpty() ? "" : ", " + status.message());
	}

	DownloadStatus status() {
		return this.progress.status(this.file.name(), this.state, this.scheduler, this.file.chunkHashes().size(),
				this.message);
	}

	int bannedSources() {
		return this.scheduler.bannedSources(System.nanoTime());
	}

	int inFlight() {
		return this.scheduler.inFlightCount();
	}

	/**
	 * What wakes the coordinator: a chunk arrived with none asked for behind it (its
	 * place in flight is free while the worker writes it), a worker's task done, the
	 * file's holders in the tracker's answer to a chunk report, or a request to stop.
	 */
	private record Report(IOException fatal, List<PeerLocation> holders) {

		static final Report SLOT_FREED = new Report(null, null);

		static final Report STOP = new Report(null, null);

	}

}
