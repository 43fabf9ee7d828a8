package dev.p2pshare.agent.download;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.p2pshare.agent.config.PeerProperties;
import dev.p2pshare.agent.protocol.FrameCodec;
import dev.p2pshare.agent.protocol.RateLimiter;
import dev.p2pshare.agent.storage.AlignedBuffers;
import dev.p2pshare.agent.storage.DigestMemory;
import dev.p2pshare.agent.storage.Library;
import dev.p2pshare.agent.storage.PartialFile;
import dev.p2pshare.agent.storage.SafeNames;
import dev.p2pshare.agent.storage.ShareScanner;
import dev.p2pshare.agent.storage.SharedEntry;
import dev.p2pshare.agent.storage.StateDirectory;
import dev.p2pshare.agent.tracker.TrackerClient;
import dev.p2pshare.agent.tracker.TrackerSync;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.SharedFile;
import io.micrometer.core.instrument.Counter;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts, tracks and resumes downloads. At start it picks up the downloads an earlier run
 * left unfinished, re-verifying what is on disk, before the agent registers with the
 * tracker, so their verified chunks are offered at once.
 */
@Component
public class DownloadManager implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DownloadManager.class);

	private final Library library;

	private final StateDirectory state;

	private final JsonMapper json;

	private final TrackerClient tracker;

	private final TrackerSync sync;

	private final DownloadContext context;

	private final Validator validator;

	private final ExecutorService coordinators;

	private final Map<String, Download> downloads = new ConcurrentHashMap<>();

	private volatile boolean running;

	public DownloadManager(PeerProperties properties, Library library, StateDirectory state, JsonMapper json,
			TrackerClient tracker, TrackerSync sync, ShareScanner scanner, MeterRegistry meters, Validator validator) {
		this.validator = validator;
		this.library = library;
		this.state = state;
		this.json = json;
		this.tracker = tracker;
		this.sync = sync;
		PeerProperties.Transfer transfer = properties.transfer();
		long directMemory = AlignedBuffers.directMemoryLimit();
		if (transfer.bufferMemory().toBytes() > directMemory) {
			throw new InvalidConfigurationPropertyValueException("peer.transfer.buffer-memory", transfer.bufferMemory(),
					"The chunks in flight live outside the heap, and this JVM allows " + directMemory
							+ " bytes there (-XX:MaxDirectMemorySize, by default the maximum heap size, -Xmx): raise"
							+ " one of those, or lower peer.transfer.buffer-memory.");
		}
		ExecutorService workers = Executors.newFixedThreadPool(transfer.maxParallelChunks(), daemon("chunk-fetch"));
		this.coordinators = Executors.newCachedThreadPool(daemon("download"));
		this.context = new DownloadContext(properties, tracker, sync, scanner, state, workers,
				new ChunkBuffers(transfer.bufferMemory().toBytes()),
				new DigestMemory(transfer.digestMemory().toBytes()), RateLimiter.of(transfer.downloadRate().toBytes()),
				new FrameCodec(FrameCodec.frameLengthForChunk(SharedFile.MAX_CHUNK_SIZE)), new Random(),
				Counter.builder("agent.bytes.down").description("Verified chunk bytes received").register(meters),
				Counter.builder("agent.chunks.verified").description("Chunks received and verified").register(meters),
				Counter.builder("agent.chunks.rejected")
					.description("Chunks whose bytes did not match the tracker's hash")
					.register(meters),
				Counter.builder("agent.chunks.chained")
					.description("Verified chunks checked in one SHA-256 pass against their file's chain states")
					.register(meters));
		Gauge
			.builder("agent.transfers.active", this.downloads,
					(all) -> all.values().stream().mapToInt(Download::inFlight).sum())
			.tag("direction", "down")
			.description("Chunks being fetched")
			.register(meters);
		Gauge
			.builder("agent.peers.banned", this.downloads,
					(all) -> all.values().stream().mapToInt(Download::bannedSources).sum())
			.description("Peers banned for bad data or repeated failures, summed over downloads")
			.register(meters);
	}

	/**
	 * Starts downloading a file, or answers how far it is when it already runs or is
	 * here.
	 * @throws UnknownFileException when the tracker knows no such file
	 */
	public DownloadStatus start(String fileName) {
		SafeNames.resolve(this.state.shareDir(), fileName);
		Optional<SharedEntry> local = this.library.findByName(fileName);
		if (local.isPresent() && local.get().isComplete()) {
			return alreadyHere(local.get());
		}
		synchronized (this.downloads) {
			Download current = this.downloads.get(fileName);
			if (current != null && isActive(current)) {
				return current.status();
			}
			FileLocations locations = this.tracker.locations(fileName)
				.orElseThrow(() -> new UnknownFileException(fileName));
			SharedFile file = new SharedFile(locations.name(), locations.size(), locations.chunkSize(),
					locations.sha256(), locations.chunkHashes(), locations.chainStates());
			if (!file.name().equals(fileName)) {
				throw new InvalidMetadataException(fileName, List.of("it answered for another file, " + file.name()));
			}
			return launch(checked(file), locations).status();
		}
	}

	public List<DownloadStatus> list() {
		return this.downloads.values()
			.stream()
			.map(Download::status)
			.sorted(Comparator.comparing(DownloadStatus::fileName))
			.toList();
	}

	/** The limit on all downloads, which can change while they run. */
	public RateLimiter downloadRate() {
		return this.context.downloadRate();
	}

	public Optional<DownloadStatus> status(String fileName) {
		return Optional.ofNullable(this.downloads.get(fileName)).map(Download::status);
	}

	/** The tracker's metadata names files on this disk: it is checked like any input. */
	private SharedFile checked(SharedFile file) {
		Set<ConstraintViolation<SharedFile>> violations = this.validator.validate(file);
		if (!violations.isEmpty() || !file.name().equals(file.name().strip())) {
			throw new InvalidMetadataException(file.name(),
					violations.stream()
						.map((violation) -> violation.getPropertyPath() + " " + violation.getMessage())
						.sorted()
						.toList());
		}
		return file;
	}

	/**
	 * @param firstSources the tracker's answer the download was started with, whose peers
	 * it asks before it asks the tracker again; null to ask at once
	 */
	private Download launch(SharedFile file, FileLocations firstSources) {
		try {
			PartialFile partial = PartialFile.open(this.state.partial(), file, this.json,
					this.context.properties().transfer().directWrites(), this.context.digestMemory());
			SharedEntry entry = SharedEntry.partial(file, partial.path(), partial.verified());
			this.library.put(entry);
			Download download = new Download(this.context, partial, entry, this.sync.peerId(), firstSources);
			this.downloads.put(file.name(), download);
			shareInFlight();
			this.coordinators.execute(() -> {
				try {
					download.run();
				}
				finally {
					shareInFlight();
				}
			});
			return download;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare the download of " + file.name() + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Shares {@code peer.transfer.max-parallel-chunks}, the fetch threads, equally among
	 * the running downloads (at least one chunk each), so that none waits for threads
	 * another holds.
	 */
	private void shareInFlight() {
		synchronized (this.downloads) {
			List<Download> running = this.downloads.values()
				.stream()
				.filter((download) -> download.state() == DownloadState.DOWNLOADING)
				.sorted(Comparator.comparing(Download::fileName))
				.toList();
			int total = this.context.properties().transfer().maxParallelChunks();
			for (int i = 0; i < running.size(); i++) {
				int share = total / running.size() + ((i < total % running.size()) ? 1 : 0);
				running.get(i).shareInFlight(Math.max(1, share));
			}
		}
	}

	private static boolean isActive(Download download) {
		DownloadState state = download.state();
		return state == DownloadState.DOWNLOADING || state == DownloadState.VERIFYING
				|| state == DownloadState.COMPLETE;
	}

	private static DownloadStatus alreadyHere(SharedEntry entry) {
		return new DownloadStatus(entry.name(), DownloadState.COMPLETE, entry.file().size(), entry.chunkCount(),
				entry.chunkCount(), 0, entry.file().size(), 100, 0, 0L, null, null, 0, 0, 0, Map.of(),
				"already in the share directory");
	}

	@Override
	public void start() {
		this.running = true;
		try {
			for (SharedFile file : PartialFile.unfinished(this.state.partial(), this.json)) {
				synchronized (this.downloads) {
					if (this.library.findByName(file.name()).isEmpty() && !this.downloads.containsKey(file.name())) {
						logger.info("Resuming the download of {}", file.name());
						launch(checked(file), null);
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not resume unfinished downloads: {}", ex.getMessage());
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.downloads.values().forEach(Download::stop);
		this.coordinators.shutdown();
		try {
			this.coordinators.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.context.workers().shutdownNow();
		try {
			this.context.workers().awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** After the chunk server, before the tracker sync. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 500;
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		return (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
