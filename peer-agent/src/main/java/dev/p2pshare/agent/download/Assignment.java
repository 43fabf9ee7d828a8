package dev.p2pshare.agent.download;

/**
 * Fetch this chunk from this source.
 *
 * @param source the peer
 * @param chunkIndex the chunk
 * @param duplicate whether another source is already fetching it (end-game)
 * @param spread whether a seed may answer with a chunk it has sent no one yet (see
 * {@code SPREAD_REQUEST} in the protocol): the source is the only known holder of the
 * chunk, or holds the whole file, and this is no end-game twin
 */
public record Assignment(Source source, int chunkIndex, boolean duplicate, boolean spread) {

}
