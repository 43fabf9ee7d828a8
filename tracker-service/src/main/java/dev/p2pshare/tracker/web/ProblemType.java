package dev.p2pshare.tracker.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;

/** The stable {@code type} of every kind of error the tracker reports (RFC 9457). */
enum ProblemType {

	MALFORMED_REQUEST("malformed-request", "Malformed request"),
	VALIDATION_FAILED("validation-failed", "Invalid request"), UNKNOWN_FILE("unknown-file", "Unknown file"),
	UNKNOWN_PEER("unknown-peer", "Unknown peer"), FILE_CONFLICT("file-conflict", "File name already taken"),
	CHUNK_INDEX_OUT_OF_RANGE("chunk-index-out-of-range", "Chunk index out of range"),
	PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large"),
	UNAUTHORIZED("unauthorized", "Write token required"),
	WRONG_PEER_SECRET("wrong-peer-secret", "Not proven to be this peer"),
	REGISTRY_BUSY("registry-busy", "Registry busy"), NOT_FOUND("not-found", "Not found"),
	METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed"),
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
	NOT_ACCEPTABLE("not-acceptable", "Not acceptable"), BAD_REQUEST("bad-request", "Bad request"),
	INTERNAL_ERROR("internal-error", "Internal error");

	private static final String PREFIX = "urn:p2p-share:problem:";

	private final URI uri;

	private final String title;

	ProblemType(String slug, String title) {
		this.uri = URI.create(PREFIX + slug);
		this.title = title;
	}

	URI uri() {
		return this.uri;
	}

	String title() {
		return this.title;
	}

	/** The type for an error Spring MVC itself raised, by its status. */
	static ProblemType forStatus(HttpStatusCode status) {
		return switch (status.value()) {
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 503 -> REGISTRY_BUSY;
			default -> status.is4xxClientError() ? BAD_REQUEST : INTERNAL_ERROR;
		};
	}

}
