package dev.p2pshare.dto;

/**
 * A run of consecutive chunk indices, both ends included.
 *
 * @param first the first chunk index of the run
 * @param last the last chunk index of the run
 */
public record ChunkRange(int first, int last) {
}
