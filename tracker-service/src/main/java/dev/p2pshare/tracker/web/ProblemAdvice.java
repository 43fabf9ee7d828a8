package dev.p2pshare.tracker.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.p2pshare.dto.ProblemType;
import dev.p2pshare.tracker.file.ChunkIndexOutOfRangeException;
import dev.p2pshare.tracker.file.FileConflictException;
import dev.p2pshare.tracker.file.UnknownFileException;
import dev.p2pshare.tracker.peer.UnknownPeerException;
import dev.p2pshare.tracker.peer.WrongPeerSecretException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns every error into an RFC 9457 problem detail with a stable type. */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemAdvice.class);

	private static final String BLANK = "about:blank";

	@ExceptionHandler
	ProblemDetail unknownFile(UnknownFileException ex) {
		return problem(HttpStatus.NOT_FOUND, ProblemType.UNKNOWN_FILE, ex.getMessage(),
				Map.of("fileName", ex.getFileName()));
	}

	@ExceptionHandler
	ProblemDetail unknownPeer(UnknownPeerException ex) {
		return problem(HttpStatus.NOT_FOUND, ProblemType.UNKNOWN_PEER, ex.getMessage(),
				Map.of("peerId", ex.getPeerId()));
	}

	@ExceptionHandler
	ProblemDetail wrongPeerSecret(WrongPeerSecretException ex) {
		return problem(HttpStatus.FORBIDDEN, ProblemType.WRONG_PEER_SECRET, ex.getMessage(),
				Map.of("peerId", ex.getPeerId()));
	}

	@ExceptionHandler
	ProblemDetail fileConflict(FileConflictException ex) {
		return problem(HttpStatus.CONFLICT, ProblemType.FILE_CONFLICT, ex.getMessage(),
				Map.of("fileName", ex.getFileName()));
	}

	@ExceptionHandler
	ProblemDetail chunkIndexOutOfRange(ChunkIndexOutOfRangeException ex) {
		return problem(HttpStatus.BAD_REQUEST, ProblemType.CHUNK_INDEX_OUT_OF_RANGE, ex.getMessage(),
				Map.of("chunkCount", ex.getChunkCount(), "invalidIndices", ex.getIndices()));
	}

	@ExceptionHandler({ PessimisticLockingFailureException.class, TransientDataAccessException.class })
	ResponseEntity<ProblemDetail> busy(RuntimeException ex) {
		logger.warn("Registry busy: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemType.REGISTRY_BUSY,
					"The registry is busy with concurrent updates; retry shortly", Map.of()));
	}

	@ExceptionHandler
	ProblemDetail integrityViolation(DataIntegrityViolationException ex) {
		logger.warn("Registry update lost a race after retries: {}", ex.getMostSpecificCause().getMessage());
		return problem(HttpStatus.CONFLICT, ProblemType.FILE_CONFLICT,
				"A concurrent update conflicted with this one; retry the request", Map.of());
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemType.INTERNAL_ERROR,
				"The tracker failed to handle the request; see its log", Map.of());
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult().getAllErrors().stream().map((error) -> {
			String field = (error instanceof FieldError fieldError) ? fieldError.getField() : error.getObjectName();
			return violation(field, error);
		}).toList();
		return ResponseEntity.badRequest().body(invalid(errors));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors parameterErrors) {
				parameterErrors.getFieldErrors().forEach((error) -> errors.add(violation(error.getField(), error)));
			}
			else {
				String name = result.getMethodParameter().getParameterName();
				result.getResolvableErrors().forEach((error) -> errors.add(violation(name, error)));
			}
		}
		return ResponseEntity.badRequest().body(invalid(errors));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		Class<?> type = ex.getRequiredType();
		String message = (type == boolean.class || type == Boolean.class) ? "must be true or false"
				: "must be a value of type " + ((type != null) ? type.getSimpleName() : "unknown");
		String field = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		return ResponseEntity.badRequest().body(invalid(List.of(Map.of("field", field, "message", message))));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
		if (root instanceof RequestTooLargeException tooLarge) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.body(problem(HttpStatus.CONTENT_TOO_LARGE, ProblemType.PAYLOAD_TOO_LARGE, tooLarge.getMessage(),
						Map.of()));
		}
		String detail = "The request body is not valid JSON for this operation: " + firstLine(root.getMessage());
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, ProblemType.MALFORMED_REQUEST, detail, Map.of()));
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || BLANK.equals(problem.getType().toString()))) {
			problem.setType(ProblemType.forStatus(statusCode.value()).uri());
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static ProblemDetail invalid(List<Map<String, String>> errors) {
		String detail = errors.isEmpty() ? "The request is invalid" : errors.size() + " invalid value(s); first: "
				+ errors.get(0).get("field") + " " + errors.get(0).get("message");
		return problem(HttpStatus.BAD_REQUEST, ProblemType.VALIDATION_FAILED, detail, Map.of("errors", errors));
	}

	private static Map<String, String> violation(String field, MessageSourceResolvable error) {
		String message = (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
		return Map.of("field", field, "message", message);
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int end = message.indexOf('\n');
		String line = (end < 0) ? message : message.substring(0, end);
		return (line.length() > 300) ? line.substring(0, 300) + "..." : line;
	}

	static ProblemDetail problem(HttpStatus status, ProblemType type, String detail, Map<String, ?> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type.uri());
		problem.setTitle(type.title());
		properties.forEach(problem::setProperty);
		return problem;
	}

}
