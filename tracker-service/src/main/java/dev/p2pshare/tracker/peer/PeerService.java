package dev.p2pshare.tracker.peer;

import dev.p2pshare.dto.HeartbeatResult;
import dev.p2pshare.tracker.config.OperationCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Heartbeats and departures of peers. */
@Service
public class PeerService {

	private final PeerRepository peers;

	private final Liveness liveness;

	private final ApplicationEventPublisher events;

	private final Counter heartbeats;

	private final Counter departures;

	PeerService(PeerRepository peers, Liveness liveness, ApplicationEventPublisher events, MeterRegistry meters) {
		this.peers = peers;
		this.liveness = liveness;
		this.events = events;
		this.heartbeats = OperationCounters.of(meters, "heartbeat");
		this.departures = OperationCounters.of(meters, "leave");
	}

	@Transactional
	public HeartbeatResult heartbeat(String peerId, String secret) {
		this.peers.findById(peerId).orElseThrow(() -> new UnknownPeerException(peerId)).prove(secret);
		this.peers.touch(peerId, this.liveness.now());
		this.heartbeats.increment();
		return new HeartbeatResult(peerId, this.liveness.heartbeatIntervalSeconds(), this.liveness.peerTtlSeconds());
	}

	@Transactional
	public void leave(String peerId, String secret) {
		Peer peer = this.peers.findForUpdate(peerId).orElseThrow(() -> new UnknownPeerException(peerId));
		peer.prove(secret);
		this.peers.delete(peer);
		this.peers.flush();
		this.departures.increment();
		this.events.publishEvent(new PeerLeft(1));
	}

	/** Deletes the peers silent for longer than the purge delay. */
	@Transactional
	public int purgeSilentPeers() {
		int purged = this.peers.deleteSilentSince(this.liveness.purgeCutoff());
		if (purged > 0) {
			this.events.publishEvent(new PeerLeft(purged));
		}
		return purged;
	}

}
