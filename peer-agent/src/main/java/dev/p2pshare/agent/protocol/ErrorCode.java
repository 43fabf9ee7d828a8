package dev.p2pshare.agent.protocol;

/** Why a chunk server did not send a chunk; the byte value is on the wire. */
public enum ErrorCode {

	/** The frame could not be parsed; the server closes the connection. */
	MALFORMED(1, true),
	/**
	 * The version byte is not one this server speaks; the server closes the connection.
	 */
	UNSUPPORTED_VERSION(2, true),
	/** The frame is longer than the server accepts; the server closes the connection. */
	FRAME_TOO_LARGE(3, true),
	/** The server shares no file with this hash. */
	UNKNOWN_FILE(4, false),
	/** The file has no chunk of this index. */
	CHUNK_OUT_OF_RANGE(5, false),
	/** The server does not hold this chunk (yet). */
	CHUNK_NOT_HELD(6, false),
	/**
	 * Too many uploads at once; try later or elsewhere. The server closes the connection.
	 */
	BUSY(7, true),
	/** The server failed to read the chunk from its disk. */
	INTERNAL(8, false);

	private final int code;

	private final boolean closesConnection;

	ErrorCode(int code, boolean closesConnection) {
		this.code = code;
		this.closesConnection = closesConnection;
	}

	public int code() {
		return this.code;
	}

	public boolean closesConnection() {
		return this.closesConnection;
	}

	/** The code of this byte, or {@link #MALFORMED} for an unknown one. */
	public static ErrorCode of(int code) {
		for (ErrorCode candidate : values()) {
			if (candidate.code == code) {
				return candidate;
			}
		}
		return MALFORMED;
	}

}
