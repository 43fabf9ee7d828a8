package dev.p2pshare.dto;

/**
 * The tracker's answer to CHUNK_REGISTER.
 *
 * @param fileName the file
 * @param peerId the peer
 * @param chunksHeld how many chunks of the file the peer now holds
 * @param chunkCount how many chunks the file has
 * @param complete whether the peer now holds the whole file
 */
public record ChunkRegistrationResult(String fileName, String peerId, int chunksHeld, int chunkCount,
		boolean complete) {
}
