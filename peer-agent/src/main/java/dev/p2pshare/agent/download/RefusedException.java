package dev.p2pshare.agent.download;

import java.io.IOException;

import dev.p2pshare.agent.protocol.ErrorFrame;

/** A peer answered a request with an error frame. */
final class RefusedException extends IOException {

	private final transient ErrorFrame error;

	RefusedException(ErrorFrame error) {
		super(error.code() + ": " + error.reason());
		this.error = error;
	}

	ErrorFrame error() {
		return this.error;
	}

}
