package dev.p2pshare.tracker.peer;

import dev.p2pshare.tracker.config.TrackerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes, every {@code tracker.purge-interval}, the peers silent past
 * {@code tracker.purge-after}.
 */
@Component
class SilentPeerPurge implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(SilentPeerPurge.class);

	private final PeerService peers;

	private final TrackerProperties properties;

	SilentPeerPurge(PeerService peers, TrackerProperties properties) {
		this.peers = peers;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::purge, this.properties.purgeInterval());
	}

	void purge() {
		try {
			int purged = this.peers.purgeSilentPeers();
			if (purged > 0) {
				logger.info("Purged {} peer(s) silent for more than {}", purged, this.properties.purgeAfter());
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Purge of silent peers failed; it runs again in {}", this.properties.purgeInterval(), ex);
		}
	}

}
