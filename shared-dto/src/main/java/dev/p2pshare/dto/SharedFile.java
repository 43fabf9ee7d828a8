package dev.p2pshare.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.p2pshare.dto.validation.ConsistentChainStates;
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
 * @param chainStates optional: for every chunk in order, the SHA-256 chaining value of
 * the whole file's hash where that chunk starts (its eight 32-bit words, big-endian, in
 * 64 hex digits; the first is always SHA-256's initial value), so that a downloader can
 * check each chunk in one pass and a file whose chunks all pass has this SHA-256; only
 * for chunk sizes that are a multiple of 64 bytes; absent when not given
 */
@ConsistentChunks
@ConsistentChainStates
public record SharedFile(@FileName String name, @Positive @Max(MAX_SIZE) long size,
		@Min(MIN_CHUNK_SIZE) @Max(MAX_CHUNK_SIZE) int chunkSize, @Sha256Hex String sha256,
		@NotNull @Size(max = MAX_CHUNKS) List<@Sha256Hex String> chunkHashes,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Size(max = MAX_CHUNKS) List<@Sha256Hex String> chainStates) {

	/** The smallest chunk size in bytes: 1 KiB. */
	public static final int MIN_CHUNK_SIZE = 1024;

	/** The largest chunk size in bytes: 64 MiB. */
	public static final int MAX_CHUNK_SIZE = 64 * 1024 * 1024;

	/** The most chunks one file may have. */
	public static final int MAX_CHUNKS = 16_384;

	/** The largest file in bytes: 1 TiB. */
	public static final long MAX_SIZE = 1L << 40;

	/** SHA-256's initial chaining value (FIPS 180-4, 5.3.3), in hex. */
	public static final String SHA256_INITIAL_STATE = "6a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19";

	/** SHA-256's block length in bytes: chain states exist only at multiples of it. */
	public static final int SHA256_BLOCK = 64;

	/** A file described without chain states. */
	public SharedFile(String name, long size, int chunkSize, String sha256, List<String> chunkHashes) {
		this(name, size, chunkSize, sha256, chunkHashes, null);
	}

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
