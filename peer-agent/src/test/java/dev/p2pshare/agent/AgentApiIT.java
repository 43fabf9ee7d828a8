package dev.p2pshare.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agent's REST API answers every bad request with a problem detail. */
class AgentApiIT {

	@TempDir
	static Path root;

	private static TrackerProcess tracker;

	private static Agent agent;

	@BeforeAll
	static void start() throws Exception {
		tracker = TrackerProcess.start(Files.createDirectories(root.resolve("tracker")));
		SwarmFiles.randomFile(root.resolve("share"), "here.bin", 10_000, 1);
		agent = Agent.start("agent", root.resolve("share"), tracker.url());
		await().atMost(Duration.ofSeconds(60)).until(agent::isRegistered);
	}

	@AfterAll
	static void stop() throws InterruptedException {
		agent.close();
		tracker.close();
	}

	@Test
	void aFileTheTrackerDoesNotKnowIsNotFound() {
		ResponseEntity<Map<String, Object>> answer = post(Map.of("fileName", "missing.bin"));
		assertProblem(answer, 404, "unknown-file");
	}

	@Test
	void aNameThatCouldLeaveTheShareDirectoryIsRefused() {
		ResponseEntity<Map<String, Object>> answer = post(Map.of("fileName", "../../etc/passwd"));
		assertProblem(answer, 400, "validation-failed");
		assertThat(Files.exists(root.resolve("etc"))).isFalse();
	}

	@Test
	void aFileAlreadyHereIsCompleteAtOnce() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(post(Map.of("fileName", "here.bin")).getStatusCode().value()).isEqualTo(200));
		assertThat(post(Map.of("fileName", "here.bin")).getBody()).containsEntry("state", "COMPLETE");
	}

	@Test
	void aDownloadNeverStartedIsNotFound() {
		ResponseEntity<Map<String, Object>> answer = agent.http()
			.get()
			.uri("/api/v1/downloads/{f}", "never.bin")
			.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
				.headers(response.getHeaders())
				.body(response.bodyTo(Map.class)));
		assertProblem(answer, 404, "no-such-download");
	}

	@Test
	void malformedJsonIsABadRequest() {
		ResponseEntity<Map<String, Object>> answer = agent.http()
			.post()
			.uri("/api/v1/downloads")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"fileName\": ")
			.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
				.headers(response.getHeaders())
				.body(response.bodyTo(Map.class)));
		assertProblem(answer, 400, "malformed-request");
	}

	@Test
	void theWrongMethodMediaTypeOrPathIsTheSameProblemAsOnTheTracker() {
		assertProblem(exchange(agent.http().put().uri("/api/v1/downloads")), 405, "method-not-allowed");
		assertProblem(exchange(
				agent.http().post().uri("/api/v1/downloads").contentType(MediaType.TEXT_PLAIN).body("movie.bin")), 415,
				"unsupported-media-type");
		assertProblem(exchange(agent.http().get().uri("/api/v1/nothing-here")), 404, "not-found");
	}

	@SuppressWarnings("unchecked")
	private static ResponseEntity<Map<String, Object>> exchange(RestClient.RequestHeadersSpec<?> request) {
		return request.exchange((sent, response) -> ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.body(response.bodyTo(Map.class)));
	}

	@Test
	void theRateLimitsChangeWhileTheAgentRunsAndInvalidOnesAreRefused() {
		assertThat(limits("GET", null).getBody()).containsEntry("uploadBytesPerSecond", 0)
			.containsEntry("downloadBytesPerSecond", 0);
		try {
			ResponseEntity<Map<String, Object>> changed = limits("PUT",
					Map.of("uploadBytesPerSecond", 2_000_000, "downloadBytesPerSecond", 0));
			assertThat(changed.getStatusCode().value()).isEqualTo(200);
			assertThat(changed.getBody()).containsEntry("uploadBytesPerSecond", 2_000_000)
				.containsEntry("downloadBytesPerSecond", 0);
			assertThat(limits("GET", null).getBody()).isEqualTo(changed.getBody());

			ResponseEntity<Map<String, Object>> negative = limits("PUT",
					Map.of("uploadBytesPerSecond", -1, "downloadBytesPerSecond", 0));
			assertProblem(negative, 400, "validation-failed");
			assertThat(negative.getBody().get("errors").toString()).contains("uploadBytesPerSecond");
			ResponseEntity<Map<String, Object>> half = limits("PUT", Map.of("uploadBytesPerSecond", 1));
			assertProblem(half, 400, "validation-failed");
			assertThat(half.getBody().get("errors").toString()).contains("downloadBytesPerSecond");
			assertThat(limits("GET", null).getBody()).as("a refused change changes nothing")
				.isEqualTo(changed.getBody());
		}
		finally {
			limits("PUT", Map.of("uploadBytesPerSecond", 0, "downloadBytesPerSecond", 0));
		}
	}

	@SuppressWarnings("unchecked")
	private static ResponseEntity<Map<String, Object>> limits(String method, Map<String, Object> body) {
		RestClient.RequestBodySpec request = agent.http().method(HttpMethod.valueOf(method)).uri("/api/v1/limits");
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange((sent, response) -> ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.body(response.bodyTo(Map.class)));
	}

	@SuppressWarnings("unchecked")
	private static ResponseEntity<Map<String, Object>> post(Map<String, String> body) {
		RestClient http = agent.http();
		return http.post()
			.uri("/api/v1/downloads")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
				.headers(response.getHeaders())
				.body(response.bodyTo(Map.class)));
	}

	private static void assertProblem(ResponseEntity<Map<String, Object>> answer, int status, String type) {
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(status));
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody()).containsEntry("type", "urn:p2p-share:problem:" + type)
			.containsEntry("status", status)
			.containsKey("detail");
	}

}
