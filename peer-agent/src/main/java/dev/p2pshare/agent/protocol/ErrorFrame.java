package dev.p2pshare.agent.protocol;

import java.nio.charset.StandardCharsets;

/**
 * ERROR: the server answers a request with a reason instead of a chunk.
 *
 * @param code why, as a code a program acts on
 * @param reason why, in words for a log; at most {@value #MAX_REASON_BYTES} bytes of
 * UTF-8
 */
public record ErrorFrame(ErrorCode code, String reason) {

	/** The longest reason on the wire, in bytes. */
	public static final int MAX_REASON_BYTES = 512;

	public ErrorFrame {
		if (code == null || reason == null) {
			throw new IllegalArgumentException("An error has a code and a reason");
		}
		if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
			throw new IllegalArgumentException("An error reason has at most 512 bytes");
		}
	}

}
