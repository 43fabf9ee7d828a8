package dev.p2pshare.agent.protocol;

import java.io.IOException;

/** The bytes on the wire break the protocol; the connection cannot be trusted further. */
public class ProtocolException extends IOException {

	private final ErrorCode code;

	public ProtocolException(ErrorCode code, String message) {
		super(message);
		this.code = code;
	}

	public ErrorCode code() {
		return this.code;
	}

}
