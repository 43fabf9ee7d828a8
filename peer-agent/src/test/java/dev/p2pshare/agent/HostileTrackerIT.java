package dev.p2pshare.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tracker that lies: its metadata, or the secret it issues, would name paths outside
 * the share directory. The agent refuses to act on it and writes nothing.
 */
class HostileTrackerIT {

	private static final String HASH = "a".repeat(64);

	@TempDir
	Path root;

	private HttpServer tracker;

	private Agent agent;

	private final AtomicInteger registrations = new AtomicInteger();

	@BeforeEach
	void start() throws Exception {
		this.tracker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.tracker.createContext("/api/v1/files/", this::answerWithLies);
		this.tracker.createContext("/api/v1/register", (exchange) -> {
			this.registrations.incrementAndGet();
			reply(exchange, 200, """
					{"peerId": "victim", "files": [], "heartbeatIntervalSeconds": 1, "peerTtlSeconds": 3,
					 "peerSecret": "../../outside"}""");
		});
		this.tracker.createContext("/", (exchange) -> reply(exchange, 404, "{}"));
		this.tracker.start();
		this.agent = Agent.start("victim", this.root.resolve("share"),
				URI.create("http://127.0.0.1:" + this.tracker.getAddress().getPort()));
	}

	@AfterEach
	void stop() {
		this.agent.close();
		this.tracker.stop(0);
	}

	@Test
	void aFileHashThatIsAPathIsRefused() throws IOException {
		ResponseEntity<Map<String, Object>> answer = download("evil-hash.bin");
		assertThat(answer.getStatusCode().value()).isEqualTo(502);
		assertThat(answer.getBody()).containsEntry("type", "urn:p2p-share:problem:invalid-tracker-answer");
		assertNothingWrittenOutsideTheShareDirectory();
	}

	@Test
	void aListedNameThatIsAPathIsRefused() throws IOException {
		ResponseEntity<Map<String, Object>> answer = download("evil-name.bin");
		assertThat(answer.getStatusCode().value()).isEqualTo(502);
		assertNothingWrittenOutsideTheShareDirectory();
	}

	@Test
	void aSecretThatIsAPathIsNeitherKeptNorTheEndOfRegistering() throws IOException {
		await().atMost(Duration.ofSeconds(30)).until(this.registrations::get, (calls) -> calls >= 3);
		assertThat(this.root.resolve("share/.p2p/peer-secret")).doesNotExist();
		assertNothingWrittenOutsideTheShareDirectory();
	}

	private void answerWithLies(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if (path.contains("evil-hash.bin")) {
			reply(exchange, 200, locations("evil-hash.bin", "../../../outside-" + HASH.substring(10)));
		}
		else if (path.contains("evil-name.bin")) {
			reply(exchange, 200, locations("../outside.bin", HASH));
		}
		else {
			reply(exchange, 404, "{}");
		}
	}

	private static String locations(String name, String sha256) {
		return """
				{"name": "%s", "size": 2048, "chunkSize": 1024, "chunkCount": 2, "sha256": "%s",
				 "chunkHashes": ["%s", "%s"], "peers": []}""".formatted(name, sha256, HASH, HASH);
	}

	private static void reply(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@SuppressWarnings("unchecked")
	private ResponseEntity<Map<String, Object>> download(String fileName) {
		return this.agent.http()
			.post()
			.uri("/api/v1/downloads")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("fileName", fileName))
			.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
				.body(response.bodyTo(Map.class)));
	}

	private void assertNothingWrittenOutsideTheShareDirectory() throws IOException {
		try (Stream<Path> files = Files.walk(this.root)) {
			assertThat(files.filter(Files::isRegularFile)
				.map((file) -> this.root.relativize(file).toString())
				.filter((file) -> !file.startsWith("share/.p2p/peer-id") && !file.equals("share/.p2p/api-url")))
				.isEmpty();
		}
	}

}
