package dev.p2pshare.dto;

import java.net.URI;

/**
 * The stable {@code type} of every kind of error the tracker and the agent report in a
 * problem detail (RFC 9457), so that both answer the same type for the same error and a
 * client can tell errors apart without reading their text.
 */
public enum ProblemType {

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
	NO_SUCH_DOWNLOAD("no-such-download", "No such download"),
	INVALID_TRACKER_ANSWER("invalid-tracker-answer", "Invalid tracker answer"),
	TRACKER_UNAVAILABLE("tracker-unavailable", "Tracker unavailable"),
	INTERNAL_ERROR("internal-error", "Internal error");

	private static final String PREFIX = "urn:p2p-share:problem:";

	private final URI uri;

	private final String title;

	ProblemType(String slug, String title) {
		this.uri = URI.create(PREFIX + slug);
		this.title = title;
	}

	/** The {@code type} member: {@code urn:p2p-share:problem:} and a slug. */
	public URI uri() {
		return this.uri;
	}

	/** The {@code title} member. */
	public String title() {
		return this.title;
	}

	/** The type of an error the web framework itself raised, by its HTTP status. */
	public static ProblemType forStatus(int status) {
		return switch (status) {
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 503 -> REGISTRY_BUSY;
			default -> (status >= 400 && status < 500) ? BAD_REQUEST : INTERNAL_ERROR;
		};
	}

}
