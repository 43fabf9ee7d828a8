package dev.p2pshare.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The tracker's answer to CHUNK_REGISTER.
 *
 * @param fileName the file
 * @param peerId the peer
 * @param chunksHeld how many chunks of the file the peer now holds
 * @param chunkCount how many chunks the file has
 * @param complete whether the peer now holds the whole file
 * @param peers the file's live holders right after this registration, the peer itself
 * among them, each with its chunks as a bitfield, as FILE_LOCATIONS lists them when asked
 * for {@code chunkBitfield=true}: a downloader reporting its chunks learns its sources in
 * the same round trip; at most the tracker's {@code tracker.max-report-holders}, picked
 * at random when more peers hold the file; only when asked for ({@code peers=true}),
 * absent otherwise
 */
public record ChunkRegistrationResult(String fileName, String peerId, int chunksHeld, int chunkCount, boolean complete,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<PeerLocation> peers) {

}
