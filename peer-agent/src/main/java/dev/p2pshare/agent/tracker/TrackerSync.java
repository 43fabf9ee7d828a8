package dev.p2pshare.agent.tracker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import dev.p2pshare.agent.chunkserver.ChunkServer;
import dev.p2pshare.agent.config.PeerProperties;
import dev.p2pshare.agent.storage.Library;
import dev.p2pshare.agent.storage.PeerIdentity;
import dev.p2pshare.agent.storage.ShareScanner;
import dev.p2pshare.agent.storage.SharedEntry;
import dev.p2pshare.dto.ChunkRegistrationResult;
import dev.p2pshare.dto.PeerLocation;
import dev.p2pshare.dto.RegistrationResult;
import dev.p2pshare.dto.SharedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * Keeps the tracker in step with this peer, on one thread: registers (again whenever the
 * tracker forgot it), heart-beats at the interval the tracker asks for, announces added
 * and withdraws removed files, reports verified chunks in batches (handing the file's
 * holders in the tracker's answer to its download), and says goodbye on shutdown. While
 * the tracker is unreachable it retries with a doubling backoff; the chunk server keeps
 * serving meanwhile.
 */
@Component
public class TrackerSync implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(TrackerSync.class);

	private final TrackerClient tracker;

	private final Library library;

	private final ShareScanner scanner;

	private final ChunkServer chunkServer;

	private final PeerProperties properties;

	private final PeerIdentity identity;

	private final ChunkReports unreported = new ChunkReports();

	/** What hears each file's holders from the answers to its chunk reports, by name. */
	private final Map<String, Consumer<List<PeerLocation>>> holderListeners = new ConcurrentHashMap<>();

	/** Names the swarm already knows with other content; not offered again. */
	private final Set<String> conflicting = new HashSet<>();

	private volatile ScheduledExecutorService thread;

	private volatile boolean registered;

	private volatile boolean running;

	private Duration heartbeatInterval = Duration.ofSeconds(30);

	private final Backoff backoff;

	public TrackerSync(TrackerClient tracker, Library library, ShareScanner scanner, ChunkServer chunkServer,
			PeerIdentity identity, PeerProperties properties) {
		this.tracker = tracker;
		this.library = library;
		this.scanner = scanner;
		this.chunkServer = chunkServer;
		this.properties = properties;
		this.identity = identity;
		this.backoff = new Backoff(properties.tracker().retryMin(), properties.tracker().retryMax());
	}

	public String peerId() {
		return this.identity.peerId();
	}

	/** Whether the tracker has this peer's registration. */
	public boolean isRegistered() {
		return this.registered;
	}

	@Override
	public void start() {
		this.thread = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread worker = new Thread(task, "tracker-sync");
			worker.setDaemon(true);
			return worker;
		});
		this.running = true;
		this.thread.execute(this::rescan);
		this.thread.execute(this::beat);
		long rescan = this.properties.rescanInterval().toMillis();
		this.thread.scheduleWithFixedDelay(this::rescan, rescan, rescan, TimeUnit.MILLISECONDS);
		long report = this.properties.transfer().chunkReportDelay().toMillis();
		this.thread.scheduleWithFixedDelay(this::reportChunks, report, report, TimeUnit.MILLISECONDS);
	}

	/** Queues a verified chunk for the next batch to the tracker. */
	public void chunkVerified(String fileName, int chunkIndex) {
		this.unreported.add(fileName, chunkIndex);
	}

	/**
	 * Hands the file's live holders, as the tracker lists them right after each report of
	 * its chunks (a random few of them in a large swarm), to {@code listener} until
	 * {@link #stopListening}: a download learns new sources from the reports it makes
	 * anyway, instead of asking FILE_LOCATIONS as often.
	 */
	public void listenForHolders(String fileName, Consumer<List<PeerLocation>> listener) {
		this.holderListeners.put(fileName, listener);
	}

	public void stopListening(String fileName, Consumer<List<PeerLocation>> listener) {
		this.holderListeners.remove(fileName, listener);
	}

	/** A download completed: announce the whole file at once. */
	public void fileCompleted(SharedFile file) {
		ScheduledExecutorService worker = this.thread;
		if (worker != null && !worker.isShutdown()) {
			worker.execute(() -> announce(List.of(file)));
		}
	}

	private void beat() {
		if (!this.running) {
			return;
		}
		try {
			if (!this.registered) {
				registerEverything();
			}
			else {
				this.heartbeatInterval = Duration
					.ofSeconds(Math.max(1, this.tracker.heartbeat().heartbeatIntervalSeconds()));
			}
			this.backoff.reset();
			schedule(this::beat, this.heartbeatInterval);
		}
		catch (UnknownToTrackerException ex) {
			logger.info("The tracker forgot this peer; registering again");
			this.registered = false;
			schedule(this::beat, this.properties.tracker().retryMin());
		}
		catch (HttpClientErrorException.Forbidden ex) {
			String refused = this.identity.peerId();
			String renewed = this.identity.renew();
			logger.warn("The tracker holds peer id {} under a secret this peer does not have (its state was lost, "
					+ "or the id was taken while it was away); registering as {}", refused, renewed);
			this.registered = false;
			schedule(this::beat, this.properties.tracker().retryMin());
		}
		catch (RuntimeException ex) {
			// unreachable, or an answer this peer cannot use: neither may end the
			// heartbeats, and the tracker may have lost state, so register afresh
			Duration delay = this.backoff.next();
			logger.warn("Tracker {} unreachable or its answer unusable ({}); retrying in {}",
					this.properties.trackerUrl(), ex.getMessage(), delay);
			this.registered = false;
			schedule(this::beat, delay);
		}
	}

	private void registerEverything() {
		List<SharedFile> whole = new ArrayList<>();
		List<SharedEntry> partial = new ArrayList<>();
		for (SharedEntry entry : this.library.all()) {
			if (this.conflicting.contains(entry.name())) {
				continue;
			}
			if (entry.isComplete()) {
				whole.add(entry.file());
			}
			else if (entry.heldCount() > 0) {
				partial.add(entry);
			}
		}
		RegistrationResult result = registerWithout(whole);
		this.heartbeatInterval = Duration.ofSeconds(Math.max(1, result.heartbeatIntervalSeconds()));
		this.registered = true;
		for (SharedEntry entry : partial) {
			this.tracker.registerChunks(entry.name(),
					IntStream.range(0, entry.chunkCount()).filter(entry::holds).boxed().toList(), false);
		}
		logger.info("Registered with tracker {} as {} at {}:{}: {} whole file(s), {} in part",
				this.properties.trackerUrl(), peerId(), this.tracker.advertisedHost(), this.chunkServer.port(),
				result.files().size(), partial.size());
	}

	/**
	 * Registers the files, in batches under {@code peer.tracker.register-batch} of JSON,
	 * leaving out (and remembering) any whose name the swarm has taken.
	 * @return the last batch's answer, with the files of every batch
	 */
	private RegistrationResult registerWithout(List<SharedFile> files) {
		List<List<SharedFile>> batches = RegisterBatches.of(files, this.properties.tracker().registerBatch().toBytes());
		if (batches.size() <= 1) {
			return registerBatchWithout(files);
		}
		List<String> names = new ArrayList<>();
		RegistrationResult last = null;
		for (List<SharedFile> batch : batches) {
			last = registerBatchWithout(batch);
			names.addAll(last.files());
		}
		return new RegistrationResult(last.peerId(), names, last.heartbeatIntervalSeconds(), last.peerTtlSeconds(),
				null);
	}

	private RegistrationResult registerBatchWithout(List<SharedFile> files) {
		List<SharedFile> offered = new ArrayList<>(files);
		while (true) {
			try {
				return this.tracker.register(this.chunkServer.port(), offered);
			}
			catch (HttpClientErrorException.Conflict ex) {
				SharedFile refused = offered.stream()
					.filter((file) -> ex.getResponseBodyAsString().contains("\"" + file.name() + "\""))
					.findFirst()
					.orElseThrow(() -> ex);
				logger.error("Not sharing {}: the swarm already has a different file of that name", refused.name());
				this.conflicting.add(refused.name());
				offered.remove(refused);
			}
		}
	}

	private void rescan() {
		ShareScanner.Changes changes = this.scanner.scan();
		if (changes.isEmpty() || !this.registered) {
			return;
		}
		try {
			for (SharedFile removed : changes.removed()) {
				this.tracker.withdraw(removed.name());
				logger.info("Withdrew {} from the swarm", removed.name());
			}
			announce(changes.added());
		}
		catch (RestClientException ex) {
			logger.warn("Could not tell the tracker about changed files ({}); registering again later",
					ex.getMessage());
			this.registered = false;
		}
	}

	private void announce(List<SharedFile> files) {
		if (files.isEmpty() || !this.registered) {
			return;
		}
		try {
			registerWithout(files);
			files.forEach((file) -> logger.info("Sharing {} ({} bytes)", file.name(), file.size()));
		}
		catch (RestClientException ex) {
			logger.warn("Could not announce {} file(s) ({}); registering again later", files.size(), ex.getMessage());
			this.registered = false;
		}
	}

	private void reportChunks() {
		Map<String, List<Integer>> batch = this.unreported.drain();
		if (batch.isEmpty() || !this.registered) {
			// when unregistered, the next registration reports every chunk held anyway
			return;
		}
		batch.forEach((fileName, chunks) -> {
			Consumer<List<PeerLocation>> listener = this.holderListeners.get(fileName);
			try {
				Optional<ChunkRegistrationResult> answer = this.tracker.registerChunks(fileName, chunks,
						listener != null);
				if (listener != null) {
					answer.map(ChunkRegistrationResult::peers).ifPresent(listener);
				}
			}
			catch (UnknownToTrackerException ex) {
				this.registered = false;
			}
			catch (RestClientException ex) {
				logger.debug("Chunk report for {} failed; it is sent again with the next registration", fileName);
				this.registered = false;
			}
		});
	}

	private void schedule(Runnable task, Duration delay) {
		ScheduledExecutorService worker = this.thread;
		if (this.running && worker != null && !worker.isShutdown()) {
			worker.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		ScheduledExecutorService worker = this.thread;
		if (worker == null) {
			return;
		}
		worker.shutdownNow();
		try {
			worker.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.registered) {
			try {
				this.tracker.leave();
				logger.info("Left the swarm");
			}
			catch (RestClientException ex) {
				logger.warn("Could not tell the tracker we leave ({}); it forgets us after the TTL", ex.getMessage());
			}
			this.registered = false;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
