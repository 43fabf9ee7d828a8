package dev.p2pshare.agent.web;

/**
 * A file this peer serves.
 *
 * @param name the file name
 * @param sha256 the SHA-256 of the whole file, in hex
 * @param size the file length in bytes
 * @param chunkCount the number of chunks
 * @param chunksHeld the chunks this peer holds and serves
 * @param complete whether it holds the whole file
 */
public record ShareStatus(String name, String sha256, long size, int chunkCount, int chunksHeld, boolean complete) {

}
