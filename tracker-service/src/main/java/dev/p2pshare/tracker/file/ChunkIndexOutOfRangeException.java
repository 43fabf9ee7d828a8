package dev.p2pshare.tracker.file;

import java.util.List;

/** Chunk indices beyond the end of the file. */
public class ChunkIndexOutOfRangeException extends RuntimeException {

	private final List<Integer> indices;

	private final int chunkCount;

	ChunkIndexOutOfRangeException(String fileName, List<Integer> indices, int chunkCount) {
		super("File '" + fileName + "' has " + chunkCount + " chunks (indices 0 to " + (chunkCount - 1)
				+ "); out of range: " + indices);
		this.indices = List.copyOf(indices);
		this.chunkCount = chunkCount;
	}

	public List<Integer> getIndices() {
		return this.indices;
	}

	public int getChunkCount() {
		return this.chunkCount;
	}

}
