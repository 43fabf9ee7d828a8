package dev.p2pshare.tracker.web;

import java.io.IOException;

/** A request body grew past {@code tracker.max-request-size} while it was read. */
class RequestTooLargeException extends IOException {

	RequestTooLargeException(long limit) {
		super("The request body exceeds the limit of " + limit + " bytes (tracker.max-request-size)");
	}

}
