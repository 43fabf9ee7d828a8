package dev.p2pshare.agent.web;

import java.util.List;
import java.util.Map;

import dev.p2pshare.agent.download.InvalidMetadataException;
import dev.p2pshare.agent.download.UnknownFileException;
import dev.p2pshare.dto.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.RestClientException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the agent's API as an RFC 9457 problem detail with a stable type. */
@RestControllerAdvice
class AgentProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(AgentProblemAdvice.class);

	@ExceptionHandler
	ProblemDetail unknownFile(UnknownFileException ex) {
		return problem(HttpStatus.NOT_FOUND, ProblemType.UNKNOWN_FILE, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail noSuchDownload(NoSuchDownloadException ex) {
		return problem(HttpStatus.NOT_FOUND, ProblemType.NO_SUCH_DOWNLOAD, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail badName(IllegalArgumentException ex) {
		return problem(HttpStatus.BAD_REQUEST, ProblemType.VALIDATION_FAILED, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail invalidMetadata(InvalidMetadataException ex) {
		return problem(HttpStatus.BAD_GATEWAY, ProblemType.INVALID_TRACKER_ANSWER, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail trackerUnreachable(RestClientException ex) {
		return problem(HttpStatus.BAD_GATEWAY, ProblemType.TRACKER_UNAVAILABLE,
				"The tracker did not answer: " + ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemType.INTERNAL_ERROR, ex.getMessage());
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemType.VALIDATION_FAILED,
				errors.size() + " invalid value(s)");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, ProblemType.MALFORMED_REQUEST,
					"The request body is not valid JSON for this operation"));
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			problem.setType(ProblemType.forStatus(statusCode.value()).uri());
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static ProblemDetail problem(HttpStatus status, ProblemType type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type.uri());
		problem.setTitle(type.title());
		return problem;
	}

}
