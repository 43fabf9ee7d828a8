package dev.p2pshare.agent.download;

/**
 * Fetch this chunk from this source.
 *
 * @param source the peer
 * @param chunkIndex the chunk
 * @param duplicate whether another source is already fetching it (end-game)
 * @param spread whether the source is the only known holder of the chunk, so a seed may
 * answer with a chunk it has sent no one yet (see {@code SPREAD_REQUEST} in the protocol)
 */
public record Assignment(Source source, int chunkIndex, boolean duplicate, boolean spread) {

}
