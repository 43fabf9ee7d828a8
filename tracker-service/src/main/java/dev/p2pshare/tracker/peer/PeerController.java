package dev.p2pshare.tracker.peer;

import dev.p2pshare.dto.HeartbeatResult;
import dev.p2pshare.dto.RegistrationResult;
import dev.p2pshare.dto.validation.PeerId;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness of peers: heartbeats and clean departures. */
@RestController
@RequestMapping("/api/v1/peers/{peerId}")
class PeerController {

	private final PeerService service;

	PeerController(PeerService service) {
		this.service = service;
	}

	/**
	 * Heartbeat: the peer is alive. A peer not heard from within the TTL is no longer
	 * listed as a source; 404 tells a peer that was purged to register again, 403 that
	 * the secret is not this peer's.
	 * @param peerId the peer's identifier
	 * @param peerSecret the secret the peer's registration returned
	 * @return the interval at which to send the next heartbeat
	 */
	@PostMapping("/heartbeat")
	HeartbeatResult heartbeat(@PathVariable @PeerId String peerId,
			@RequestHeader(name = RegistrationResult.SECRET_HEADER, required = false) String peerSecret) {
		return this.service.heartbeat(peerId, peerSecret);
	}

	/**
	 * The peer leaves the swarm: it and everything it held are forgotten at once.
	 * @param peerId the peer's identifier
	 * @param peerSecret the secret the peer's registration returned
	 * @return 204 No Content
	 */
	@DeleteMapping
	ResponseEntity<Void> leave(@PathVariable @PeerId String peerId,
			@RequestHeader(name = RegistrationResult.SECRET_HEADER, required = false) String peerSecret) {
		this.service.leave(peerId, peerSecret);
		return ResponseEntity.noContent().build();
	}

}
