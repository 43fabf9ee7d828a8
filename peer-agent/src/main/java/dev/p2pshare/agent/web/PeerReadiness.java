package dev.p2pshare.agent.web;

import dev.p2pshare.agent.chunkserver.ChunkServer;
import dev.p2pshare.agent.tracker.TrackerSync;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Ready when the chunk server listens and the tracker has this peer's registration. */
@Component("peer")
class PeerReadiness implements HealthIndicator {

	private final ChunkServer chunkServer;

	private final TrackerSync sync;

	PeerReadiness(ChunkServer chunkServer, TrackerSync sync) {
		this.chunkServer = chunkServer;
		this.sync = sync;
	}

	@Override
	public Health health() {
		Health.Builder health = (this.chunkServer.isRunning() && this.sync.isRegistered()) ? Health.up()
				: Health.down();
		return health.withDetail("peerId", this.sync.peerId())
			.withDetail("tcpPort", this.chunkServer.port())
			.withDetail("registered", this.sync.isRegistered())
			.build();
	}

}
