package dev.p2pshare.dto;

import java.util.List;

import dev.p2pshare.dto.validation.ConsistentChunks;
import dev.p2pshare.dto.validation.FileName;
import dev.p2pshare.dto.validation.Sha256Hex;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A file a peer holds whole, described like the pieces of a BitTorrent metainfo.
 *
 * @param name the file name, unique in the swarm
 * @param size the file length in bytes; empty files are not shared
 * @param chunkSize the length in bytes of every chunk but the last
 * @param sha256 the SHA-256 of the whole file, in hex
 * @param chunkHashes the SHA-256 of every chunk in order, in hex; one per chunk
 */
@ConsistentChunks
public record SharedFile(@FileName String name, @Positive @Max(MAX_SIZE) long size,
		@Min(MIN_CHUNK_SIZE) @Max(MAX_CHUNK_SIZE) int chunkSize, @Sha256Hex String sha256,
		@NotNull @Size(max = MAX_CHUNKS) List<@Sha256Hex String> chunkHashes) {

	/** The smallest chunk size in bytes: 1 KiB. */
	public static final int MIN_CHUNK_SIZE = 1024;

	/** The largest chunk size in bytes: 64 MiB. */
	public static final int MAX_CHUNK_SIZE = 64 * 1024 * 1024;

	/** The most chunks one file may have. */
	public static final int MAX_CHUNKS = 16_384;

	/** The largest file in bytes: 1 TiB. */
	public static final long MAX_SIZE = 1L << 40;

	/**
	 * The number of chunks of a file.
	 * @param size the file length in bytes
	 * @param chunkSize the chunk length in bytes
	 * @return {@code ceil(size / chunkSize)}
	 */
	public static long chunkCount(long size, int chunkSize) {
		return (size + chunkSize - 1) / chunkSize;
	}

}
