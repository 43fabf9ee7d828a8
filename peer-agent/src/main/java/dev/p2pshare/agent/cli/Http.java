package dev.p2pshare.agent.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.function.ToIntFunction;

import picocli.CommandLine.Model.CommandSpec;

import org.springframework.http.ProblemDetail;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * One short exchange with a tracker or an agent for a command that starts no agent: an
 * answer it cannot get is said in one line, with what to do, and exit status 1.
 */
final class Http {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private Http() {
	}

	static int ask(CommandSpec spec, URI base, String what, String remedy, ToIntFunction<RestClient> exchange) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(TIMEOUT);
		requests.setReadTimeout(TIMEOUT);
		RestClient api = RestClient.builder().baseUrl(base.toString()).requestFactory(requests).build();
		PrintWriter err = spec.commandLine().getErr();
		try {
			return exchange.applyAsInt(api);
		}
		catch (ResourceAccessException ex) {
			err.printf("Cannot reach the %s at %s (%s): %s.%n", what, base, rootMessage(ex), remedy);
		}
		catch (RestClientResponseException ex) {
			String reason = ex.getStatusText().isBlank() ? "" : " " + ex.getStatusText().strip();
			err.printf("The %s at %s answered %d%s%s.%n", what, base, ex.getStatusCode().value(), reason,
					problemDetail(ex));
		}
		err.flush();
		return 1;
	}

	/** The detail of a problem-detail answer, as ": detail", or nothing. */
	private static String problemDetail(RestClientResponseException ex) {
		try {
			ProblemDetail problem = ex.getResponseBodyAs(ProblemDetail.class);
			return (problem != null && problem.getDetail() != null)
					? ": " + problem.getDetail().strip().replaceAll("\\.+$", "") : "";
		}
		catch (RuntimeException notAProblem) {
			return "";
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
