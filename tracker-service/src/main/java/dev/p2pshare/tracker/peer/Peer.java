package dev.p2pshare.tracker.peer;

import java.security.MessageDigest;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A peer the tracker has heard of: where its chunk server listens and when it was last
 * seen.
 */
@Entity
@Table(name = "peer")
public class Peer {

	@Id
	private String id;

	@Column(nullable = false)
	private String host;

	private int port;

	@Column(name = "registered_at", nullable = false)
	private Instant registeredAt;

	@Column(name = "last_seen", nullable = false)
	private Instant lastSeen;

	@Column(name = "secret_sha256", nullable = false)
	private byte[] secretSha256;

	protected Peer() {
	}

	/** A new peer, which proves itself from now on with {@code secret}. */
	public Peer(String id, String host, int port, Instant now, String secret) {
		this.id = id;
		this.host = host;
		this.port = port;
		this.registeredAt = now;
		this.lastSeen = now;
		this.secretSha256 = PeerSecret.sha256(secret);
	}

	/**
	 * Checks that a write for this peer comes from it.
	 * @param presented the secret the request carried, or null
	 * @throws WrongPeerSecretException when it is missing or not this peer's
	 */
	public void prove(String presented) {
		if (presented == null || !MessageDigest.isEqual(this.secretSha256, PeerSecret.sha256(presented))) {
			throw new WrongPeerSecretException(this.id, presented != null);
		}
	}

	/** Records a sign of life, and where the peer now listens. */
	public void seenAt(String host, int port, Instant now) {
		this.host = host;
		this.port = port;
		seenAt(now);
	}

	/** Records a sign of life. */
	public void seenAt(Instant now) {
		if (now.isAfter(this.lastSeen)) {
			this.lastSeen = now;
		}
	}

	public String getId() {
		return this.id;
	}

	public String getHost() {
		return this.host;
	}

	public int getPort() {
		return this.port;
	}

	public Instant getLastSeen() {
		return this.lastSeen;
	}

}
