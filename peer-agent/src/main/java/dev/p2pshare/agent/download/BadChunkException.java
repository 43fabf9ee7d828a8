package dev.p2pshare.agent.download;

import java.io.IOException;

/** A peer sent bytes that are not the chunk the tracker describes. */
final class BadChunkException extends IOException {

	BadChunkException(String message) {
		super(message);
	}

}
