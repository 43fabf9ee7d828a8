package dev.p2pshare.dto;

import java.util.List;

/**
 * A live peer holding chunks of a file, and which ones.
 *
 * @param peerId the peer's identifier
 * @param host where its chunk server listens
 * @param port its chunk server's TCP port
 * @param chunksHeld how many chunks of the file it holds
 * @param complete whether it holds every chunk
 * @param chunks the chunk indices it holds, as ascending runs
 */
public record PeerLocation(String peerId, String host, int port, int chunksHeld, boolean complete,
		List<ChunkRange> chunks) {
}
