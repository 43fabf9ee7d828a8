package dev.p2pshare.agent.chunkserver;

import java.net.BindException;

/** The chunk server's TCP port is taken by another process. */
class ChunkPortInUseException extends RuntimeException {

	private final int port;

	ChunkPortInUseException(int port, BindException cause) {
		super("TCP port " + port + " is already in use", cause);
		this.port = port;
	}

	int port() {
		return this.port;
	}

}
