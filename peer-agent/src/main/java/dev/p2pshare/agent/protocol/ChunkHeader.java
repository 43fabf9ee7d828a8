package dev.p2pshare.agent.protocol;

/**
 * CHUNK: the header that precedes exactly {@code length} raw bytes of a chunk.
 *
 * @param chunkIndex the chunk index, as requested
 * @param length the number of raw bytes that follow the header
 * @param sha256 the SHA-256 of those bytes as the sender computed it; a receiver checks
 * the bytes against the tracker's hash, never against this alone
 */
public record ChunkHeader(int chunkIndex, int length, Sha256 sha256) {

	public ChunkHeader {
		if (chunkIndex < 0 || length < 0 || sha256 == null) {
			throw new IllegalArgumentException("A chunk header has a non-negative index and length and a digest");
		}
	}

}
