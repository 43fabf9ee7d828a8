package dev.p2pshare.agent.download;

/**
 * Fetch this chunk from this source.
 *
 * @param source the peer
 * @param chunkIndex the chunk
 * @param duplicate whether another source is already fetching it (end-game)
 */
public record Assignment(Source source, int chunkIndex, boolean duplicate) {

}
