package dev.p2pshare.dto;

import java.util.List;

import dev.p2pshare.dto.validation.HostName;
import dev.p2pshare.dto.validation.PeerId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * REGISTER: a peer announces where its chunk server listens and the files it holds whole.
 *
 * @param peerId the identifier the peer generated once and keeps across restarts
 * @param host where other peers reach the chunk server: a DNS name or IP address
 * @param port the chunk server's TCP port
 * @param files the files this peer holds whole (may be empty for a pure downloader)
 */
public record PeerRegistration(@PeerId String peerId, @HostName String host, @Min(1) @Max(65535) int port,
		@NotNull @Size(max = MAX_FILES) List<@NotNull @Valid SharedFile> files) {

	/** The most files one registration may carry. */
	public static final int MAX_FILES = 10_000;

}
