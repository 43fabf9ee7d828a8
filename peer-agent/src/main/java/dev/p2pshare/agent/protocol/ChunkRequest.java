package dev.p2pshare.agent.protocol;

/**
 * REQUEST: send me one chunk of the file whose whole content has this SHA-256.
 *
 * @param file the SHA-256 of the whole file, as the tracker lists it
 * @param chunkIndex the zero-based chunk index
 */
public record ChunkRequest(Sha256 file, int chunkIndex) {

	public ChunkRequest {
		if (file == null) {
			throw new IllegalArgumentException("A request names a file");
		}
		if (chunkIndex < 0) {
			throw new IllegalArgumentException("A chunk index is not negative: " + chunkIndex);
		}
	}

}
