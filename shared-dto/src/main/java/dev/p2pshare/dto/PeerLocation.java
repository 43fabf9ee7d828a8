package dev.p2pshare.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A live peer holding chunks of a file, and which ones: as runs of indices, or, when
 * FILE_LOCATIONS is asked for {@code chunkBitfield=true}, as a bitfield.
 *
 * @param peerId the peer's identifier
 * @param host where its chunk server listens
 * @param port its chunk server's TCP port
 * @param chunksHeld how many chunks of the file it holds
 * @param complete whether it holds every chunk
 * @param chunks the chunk indices it holds, as ascending runs; empty when
 * {@code chunkBitfield} is given instead
 * @param chunkBitfield the chunks it holds as a bitfield, as BitTorrent's: base64 of
 * ceil(chunkCount / 8) bytes, bit i (the most significant bit of byte i / 8 first) set
 * when it holds chunk i, the bits past the last chunk zero; only when asked for, absent
 * otherwise
 */
public record PeerLocation(String peerId, String host, int port, int chunksHeld, boolean complete,
		List<ChunkRange> chunks, @JsonInclude(JsonInclude.Include.NON_NULL) String chunkBitfield) {

	/** A holder whose chunks are listed as runs of indices. */
	public PeerLocation(String peerId, String host, int port, int chunksHeld, boolean complete,
			List<ChunkRange> chunks) {
		this(peerId, host, port, chunksHeld, complete, chunks, null);
	}

}
