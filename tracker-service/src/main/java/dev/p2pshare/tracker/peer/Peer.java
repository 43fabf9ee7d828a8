package dev.p2pshare.tracker.peer;

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

	protected Peer() {
	}

	public Peer(String id, String host, int port, Instant now) {
		this.id = id;
		this.host = host;
		this.port = port;
		this.registeredAt = now;
		this.lastSeen = now;
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
