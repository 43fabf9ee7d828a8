package dev.p2pshare.tracker.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import dev.p2pshare.dto.ProblemType;
import dev.p2pshare.tracker.config.TrackerProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When {@code tracker.write-token} is set, lets a mutating API call through only with
 * {@code Authorization: Bearer <token>}; reads stay open.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class WriteTokenFilter extends OncePerRequestFilter {

	private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final byte[] expected;

	private final FilterProblems problems;

	WriteTokenFilter(TrackerProperties properties, FilterProblems problems) {
		this.expected = properties.writeProtected()
				? ("Bearer " + properties.writeToken()).getBytes(StandardCharsets.UTF_8) : null;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.expected == null || !MUTATING.contains(request.getMethod())
				|| !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		byte[] presented = (header != null) ? header.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (MessageDigest.isEqual(this.expected, presented)) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"p2p-share tracker\"");
		String detail = (header == null) ? "This tracker needs 'Authorization: Bearer <token>' on every write"
				: "The bearer token is not the tracker's write token";
		this.problems.write(request, response, HttpStatus.UNAUTHORIZED, ProblemType.UNAUTHORIZED, detail);
	}

}
