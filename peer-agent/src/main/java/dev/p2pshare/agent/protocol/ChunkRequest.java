package dev.p2pshare.agent.protocol;

/**
 * REQUEST: send me one chunk of the file whose whole content has this SHA-256. A
 * SPREAD_REQUEST also lets a seed answer with another chunk, one it has sent no one yet.
 *
 * @param file the SHA-256 of the whole file, as the tracker lists it
 * @param chunkIndex the zero-based chunk index
 * @param spread whether a seed that has already sent this chunk to someone may send one
 * it has sent no one instead (the downloader asks because it knows no other holder of it)
 */
public record ChunkRequest(Sha256 file, int chunkIndex, boolean spread) {

	/** A request for exactly this chunk. */
	public ChunkRequest(Sha256 file, int chunkIndex) {
		this(file, chunkIndex, false);
	}

	public ChunkRequest {
		if (file == null) {
			throw new IllegalArgumentException("A request names a file");
		}
		if (chunkIndex < 0) {
			throw new IllegalArgumentException("A chunk index is not negative: " + chunkIndex);
		}
	}

}
