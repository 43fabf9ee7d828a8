package dev.p2pshare.tracker.file;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.p2pshare.dto.ChunkRegistration;
import dev.p2pshare.dto.ChunkRegistrationResult;
import dev.p2pshare.dto.PeerLocation;
import dev.p2pshare.dto.PeerRegistration;
import dev.p2pshare.dto.RegistrationResult;
import dev.p2pshare.dto.SharedFile;
import dev.p2pshare.tracker.config.OperationCounters;
import dev.p2pshare.tracker.config.TrackerProperties;
import dev.p2pshare.tracker.peer.Liveness;
import dev.p2pshare.tracker.peer.Peer;
import dev.p2pshare.tracker.peer.PeerRepository;
import dev.p2pshare.tracker.peer.PeerSecret;
import dev.p2pshare.tracker.peer.UnknownPeerException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registry's writes: REGISTER, CHUNK_REGISTER and withdrawal. Each runs in one
 * transaction that first locks the peer's row, so one peer's writes serialize and
 * different peers' writes never wait on each other.
 */
@Service
public class FileRegistry {

	/**
	 * Two requests may race to create the same peer or file; the loser retries once it
	 * exists.
	 */
	private static final int ATTEMPTS = 3;

	private final TrackedFileRepository files;

	private final HoldingRepository holdings;

	private final PeerRepository peers;

	private final HolderSampler sampler;

	private final Liveness liveness;

	private final int maxReportHolders;

	private final TransactionTemplate transaction;

	private final Counter registrations;

	private final Counter chunkRegistrations;

	private final Counter withdrawals;

	FileRegistry(TrackedFileRepository files, HoldingRepository holdings, PeerRepository peers, HolderSampler sampler,
			Liveness liveness, TrackerProperties properties, PlatformTransactionManager transactionManager,
			MeterRegistry meters) {
		this.files = files;
		this.holdings = holdings;
		this.peers = peers;
		this.sampler = sampler;
		this.liveness = liveness;
		this.maxReportHolders = properties.maxReportHolders();
		this.transaction = new TransactionTemplate(transactionManager);
		this.registrations = OperationCounters.of(meters, "register");
		this.chunkRegistrations = OperationCounters.of(meters, "chunk_register");
		this.withdrawals = OperationCounters.of(meters, "withdraw");
	}

	/**
	 * REGISTER: records the peer and makes it a holder of every chunk of its files. A new
	 * peer is issued its secret; a known one must present it.
	 * @param secret the secret the peer's first registration returned, or null
	 */
	public RegistrationResult register(PeerRegistration registration, String secret) {
		RegistrationResult result = retryingInTransaction(() -> registerOnce(registration, secret));
		this.registrations.increment();
		return result;
	}

	private RegistrationResult registerOnce(PeerRegistration registration, String secret) {
		Instant now = this.liveness.now();
		Optional<Peer> known = this.peers.findForUpdate(registration.peerId());
		String issued = null;
		Peer peer;
		if (known.isPresent()) {
			peer = known.get();
			peer.prove(secret);
			peer.seenAt(registration.host(), registration.port(), now);
		}
		else {
			issued = PeerSecret.generate();
			peer = this.peers
				.saveAndFlush(new Peer(registration.peerId(), registration.host(), registration.port(), now, issued));
		}
		List<String> names = new ArrayList<>(registration.files().size());
		for (SharedFile shared : registration.files()) {
			TrackedFile file = this.files.findByName(shared.name())
				.orElseGet(() -> this.files.saveAndFlush(new TrackedFile(shared, now)));
			if (!file.sameContentAs(shared)) {
				throw new FileConflictException(shared.name());
			}
			file.adoptChainStates(shared);
			Holding holding = this.holdings.findByPeerAndFile(peer, file).orElseGet(() -> new Holding(peer, file));
			holding.holdAll();
			this.holdings.save(holding);
			names.add(file.getName());
		}
		return new RegistrationResult(peer.getId(), names, this.liveness.heartbeatIntervalSeconds(),
				this.liveness.peerTtlSeconds(), issued);
	}

	/**
	 * CHUNK_REGISTER: the peer now holds these chunks too.
	 * @param withPeers whether to answer with the file's live holders as bitfields, read
	 * in the same transaction after the registration
	 */
	public ChunkRegistrationResult registerChunks(String fileName, ChunkRegistration registration, String secret,
			boolean withPeers) {
		ChunkRegistrationResult result = retryingInTransaction(
				() -> registerChunksOnce(fileName, registration, secret, withPeers));
		this.chunkRegistrations.increment();
		return result;
	}

	private ChunkRegistrationResult registerChunksOnce(String fileName, ChunkRegistration registration, String secret,
			boolean withPeers) {
		TrackedFile file = this.files.findByName(fileName).orElseThrow(() -> new UnknownFileException(fileName));
		List<Integer> outOfRange = registration.chunks()
			.stream()
			.filter((index) -> index >= file.getChunkCount())
			.distinct()
			.sorted()
			.toList();
		if (!outOfRange.isEmpty()) {
			throw new ChunkIndexOutOfRangeException(fileName, outOfRange, file.getChunkCount());
		}
		Peer peer = this.peers.findForUpdate(registration.peerId())
			.orElseThrow(() -> new UnknownPeerException(registration.peerId()));
		peer.prove(secret);
		peer.seenAt(this.liveness.now());
		Holding holding = this.holdings.findByPeerAndFile(peer, file).orElseGet(() -> new Holding(peer, file));
		holding.hold(registration.chunks());
		this.holdings.save(holding);
		List<PeerLocation> holders = withPeers ? FileQueries.locations(liveSample(file), true) : null;
		return new ChunkRegistrationResult(fileName, peer.getId(), holding.getHeldCount(), file.getChunkCount(),
				holding.isComplete(), holders);
	}

	/**
	 * At most {@code tracker.max-report-holders} live holdings, picked at random when
	 * there are more: each reporting downloader learns of a different part of a large
	 * swarm, as BitTorrent's peers do from their announces. The others are not loaded: a
	 * holding loaded in this transaction is also checked for changes when it commits.
	 */
	private List<Holding> liveSample(TrackedFile file) {
		return this.sampler.sample(file, this.liveness.liveCutoff(), this.maxReportHolders).holdings();
	}

	/** The peer no longer shares the file; a file nobody holds is forgotten. */
	public void withdraw(String peerId, String fileName, String secret) {
		retryingInTransaction(() -> {
			Peer peer = this.peers.findForUpdate(peerId).orElseThrow(() -> new UnknownPeerException(peerId));
			peer.prove(secret);
			TrackedFile file = this.files.findByName(fileName).orElseThrow(() -> new UnknownFileException(fileName));
			this.holdings.findByPeerAndFile(peer, file).ifPresent(this.holdings::delete);
			this.holdings.flush();
			if (!this.holdings.existsByFile(file)) {
				this.files.delete(file);
			}
			return null;
		});
		this.withdrawals.increment();
	}

	private <T> T retryingInTransaction(Supplier<T> work) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.transaction.execute((status) -> work.get());
			}
			catch (DataIntegrityViolationException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

}
