package dev.p2pshare.tracker.file;

import dev.p2pshare.tracker.peer.Liveness;
import dev.p2pshare.tracker.peer.PeerRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/** Gauges of the registry, read from the database when scraped. */
@Component
class RegistryMetrics implements MeterBinder {

	private final TrackedFileRepository files;

	private final HoldingRepository holdings;

	private final PeerRepository peers;

	private final Liveness liveness;

	RegistryMetrics(TrackedFileRepository files, HoldingRepository holdings, PeerRepository peers, Liveness liveness) {
		this.files = files;
		this.holdings = holdings;
		this.peers = peers;
		this.liveness = liveness;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("tracker.files", () -> this.files.countLive(this.liveness.liveCutoff()))
			.description("Files that at least one live peer holds")
			.register(registry);
		Gauge
			.builder("tracker.peers.live", () -> this.peers.countByLastSeenGreaterThanEqual(this.liveness.liveCutoff()))
			.description("Peers heard from within the TTL")
			.register(registry);
		Gauge.builder("tracker.chunks.held", () -> this.holdings.sumLiveChunks(this.liveness.liveCutoff()))
			.description("Chunks held by live peers, summed over files and peers")
			.register(registry);
	}

}
