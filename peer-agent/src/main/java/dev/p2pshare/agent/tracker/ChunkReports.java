package dev.p2pshare.agent.tracker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Verified chunks waiting to be reported to the tracker, gathered into one batch per
 * file.
 */
final class ChunkReports {

	private final Map<String, Set<Integer>> pending = new LinkedHashMap<>();

	synchronized void add(String fileName, int chunkIndex) {
		this.pending.computeIfAbsent(fileName, (name) -> new TreeSet<>()).add(chunkIndex);
	}

	/** Takes every pending chunk, by file, in ascending order. */
	synchronized Map<String, List<Integer>> drain() {
		Map<String, List<Integer>> batch = new LinkedHashMap<>();
		this.pending.forEach((fileName, chunks) -> batch.put(fileName, List.copyOf(chunks)));
		this.pending.clear();
		return batch;
	}

}
