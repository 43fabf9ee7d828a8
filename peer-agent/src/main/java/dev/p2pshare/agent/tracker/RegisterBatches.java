package dev.p2pshare.agent.tracker;

import java.util.ArrayList;
import java.util.List;

import dev.p2pshare.dto.SharedFile;

/**
 * Splits the files of one REGISTER into requests whose JSON stays under a budget, so that
 * a peer sharing many files stays under the tracker's limit on request bodies
 * ({@code tracker.max-request-size}): every chunk adds 67 bytes of hash, 67 more of chain
 * state. REGISTER adds files to what the peer holds, so the batches add up.
 */
final class RegisterBatches {

	/** A file's JSON beside its hex digests: name, sizes, keys, quotes. */
	private static final int FILE_OVERHEAD = 512;

	/** One digest in a JSON list: 64 hex digits, quotes and a comma. */
	private static final int DIGEST = 67;

	private RegisterBatches() {
	}

	/**
	 * The files in order, in batches of at most {@code budget} bytes of JSON by estimate;
	 * a file larger than that alone; no batch for no files.
	 */
	static List<List<SharedFile>> of(List<SharedFile> files, long budget) {
		List<List<SharedFile>> batches = new ArrayList<>();
		List<SharedFile> batch = new ArrayList<>();
		long size = 0;
		for (SharedFile file : files) {
			long fileSize = estimate(file);
			if (!batch.isEmpty() && size + fileSize > budget) {
				batches.add(batch);
				batch = new ArrayList<>();
				size = 0;
			}
			batch.add(file);
			size += fileSize;
		}
		if (!batch.isEmpty()) {
			batches.add(batch);
		}
		return batches;
	}

	static long estimate(SharedFile file) {
		long digests = 1 + file.chunkHashes().size() + ((file.chainStates() != null) ? file.chainStates().size() : 0);
		return FILE_OVERHEAD + 4L * file.name().length() + digests * DIGEST;
	}

}
