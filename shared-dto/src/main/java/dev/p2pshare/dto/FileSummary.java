package dev.p2pshare.dto;

/**
 * One file of FILE_LIST, with how many live peers hold it.
 *
 * @param name the file name
 * @param size the file length in bytes
 * @param chunkSize the length in bytes of every chunk but the last
 * @param chunkCount the number of chunks
 * @param sha256 the SHA-256 of the whole file, in hex
 * @param completeSources live peers holding every chunk
 * @param partialSources live peers holding some but not all chunks
 */
public record FileSummary(String name, long size, int chunkSize, int chunkCount, String sha256, long completeSources,
		long partialSources) {
}
