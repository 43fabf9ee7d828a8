package dev.p2pshare.tracker.peer;

import java.time.Clock;
import java.time.Instant;

import dev.p2pshare.tracker.config.TrackerProperties;

import org.springframework.stereotype.Component;

/** Decides from the clock and the TTL which peers count as live. */
@Component
public class Liveness {

	private final Clock clock;

	private final TrackerProperties properties;

	Liveness(Clock clock, TrackerProperties properties) {
		this.clock = clock;
		this.properties = properties;
	}

	public Instant now() {
		return this.clock.instant();
	}

	/** Peers last seen at or after this instant are live. */
	public Instant liveCutoff() {
		return now().minus(this.properties.peerTtl());
	}

	/** Peers last seen before this instant are purged. */
	public Instant purgeCutoff() {
		return now().minus(this.properties.purgeAfter());
	}

	public long heartbeatIntervalSeconds() {
		return this.properties.heartbeatInterval().toSeconds();
	}

	public long peerTtlSeconds() {
		return this.properties.peerTtl().toSeconds();
	}

}
