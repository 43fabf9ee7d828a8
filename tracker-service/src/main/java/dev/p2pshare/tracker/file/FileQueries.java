package dev.p2pshare.tracker.file;

import java.time.Instant;
import java.util.List;

import dev.p2pshare.dto.FileList;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.FileSummary;
import dev.p2pshare.dto.PeerLocation;
import dev.p2pshare.tracker.config.OperationCounters;
import dev.p2pshare.tracker.peer.Liveness;
import dev.p2pshare.tracker.peer.Peer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The registry's reads: FILE_LIST and FILE_LOCATIONS, counting live peers only. */
@Service
@Transactional(readOnly = true)
public class FileQueries {

	private final TrackedFileRepository files;

	private final HoldingRepository holdings;

	private final HolderSampler sampler;

	private final Liveness liveness;

	private final Counter listings;

	private final Counter locationLookups;

	FileQueries(TrackedFileRepository files, HoldingRepository holdings, HolderSampler sampler, Liveness liveness,
			MeterRegistry meters) {
		this.files = files;
		this.holdings = holdings;
		this.sampler = sampler;
		this.liveness = liveness;
		this.listings = OperationCounters.of(meters, "file_list");
		this.locationLookups = OperationCounters.of(meters, "file_locations");
	}

	/** FILE_LIST: the files some live peer holds. */
	public FileList list() {
		List<FileSummary> summaries = this.files.summarizeLive(this.liveness.liveCutoff());
		this.listings.increment();
		return new FileList(summaries.size(), summaries);
	}

	/**
	 * FILE_LOCATIONS: the file's chunk hashes and chain states, or neither when not
	 * wanted, and its live holders with their chunks as runs of indices or as bitfields.
	 * @param maxPeers the most holders to list, picked at random when more hold the file
	 * (the others are never loaded); {@code null} for all of them
	 */
	public FileLocations locations(String fileName, boolean withChunkHashes, boolean asBitfields, Integer maxPeers) {
		TrackedFile file = this.files.findByName(fileName).orElseThrow(() -> new UnknownFileException(fileName));
		Instant cutoff = this.liveness.liveCutoff();
		List<Holding> live;
		boolean more = false;
		if (maxPeers == null) {
			live = this.holdings.findLive(file, cutoff);
		}
		else {
			HolderSampler.Sample sample = this.sampler.sample(file, cutoff, maxPeers);
			live = sample.holdings();
			more = sample.more();
		}
		this.locationLookups.increment();
		return new FileLocations(file.getName(), file.getSize(), file.getChunkSize(), file.getChunkCount(),
				file.getSha256(), withChunkHashes ? file.chunkHashesHex() : List.of(),
				withChunkHashes ? file.chainStatesHex() : null, more, locations(live, asBitfields));
	}

	/**
	 * Live holders as FILE_LOCATIONS lists them, with their chunks as runs or bitfields.
	 */
	static List<PeerLocation> locations(List<Holding> live, boolean asBitfields) {
		return live.stream().map((holding) -> location(holding, asBitfields)).toList();
	}

	private static PeerLocation location(Holding holding, boolean asBitfield) {
		Peer peer = holding.getPeer();
		if (asBitfield) {
			return new PeerLocation(peer.getId(), peer.getHost(), peer.getPort(), holding.getHeldCount(),
					holding.isComplete(), List.of(), holding.bitfield());
		}
		return new PeerLocation(peer.getId(), peer.getHost(), peer.getPort(), holding.getHeldCount(),
				holding.isComplete(), holding.ranges());
	}

}
