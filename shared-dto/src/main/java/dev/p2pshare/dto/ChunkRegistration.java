package dev.p2pshare.dto;

import java.util.List;

import dev.p2pshare.dto.validation.PeerId;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * CHUNK_REGISTER: a peer now holds these chunks of a file, verified, and serves them.
 *
 * @param peerId the registered peer that holds the chunks
 * @param chunks the chunk indices, zero-based; a batch is welcome
 */
public record ChunkRegistration(@PeerId String peerId,
		@NotEmpty @Size(max = SharedFile.MAX_CHUNKS) List<@NotNull @PositiveOrZero Integer> chunks) {
}
