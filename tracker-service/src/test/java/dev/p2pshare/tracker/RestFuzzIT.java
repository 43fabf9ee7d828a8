package dev.p2pshare.tracker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.p2pshare.dto.RegistrationResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracker's REST API fuzzed with generated requests (jqwik), a bounded number per
 * build: protocol bodies with every field drawn from valid, edge and absurd values,
 * bodies of the wrong shape or not JSON at all, and odd file names in paths. Every answer
 * is a 2xx or a problem-detail 4xx, never a 5xx, and the registry still answers
 * consistently.
 */
class RestFuzzIT {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static ConfigurableApplicationContext tracker;

	private static String base;

	/** The secrets the tracker issued, by peer id. */
	private static final Map<String, String> secrets = new ConcurrentHashMap<>();

	@BeforeContainer
	static void startTracker() {
		tracker = new SpringApplicationBuilder(TrackerApplication.class).run("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:fuzz;DB_CLOSE_DELAY=-1", "--spring.application.name=fuzzed");
		base = "http://127.0.0.1:" + ((WebServerApplicationContext) tracker).getWebServer().getPort();
	}

	@AfterContainer
	static void stopTracker() {
		tracker.close();
	}

	@Property(tries = 300)
	void protocolShapedBodiesGetA2xxOrAProblem(@ForAll("protocolRequests") Request request) throws Exception {
		assertAnswered(request);
	}

	@Property(tries = 150)
	void junkBodiesAndOddNamesGetA2xxOrAProblem(@ForAll("junkRequests") Request request) throws Exception {
		assertAnswered(request);
	}

	/**
	 * One HTTP call: method, path below the base URL, body (null for none), and the peer
	 * whose secret it carries, if any was issued (null: none).
	 */
	record Request(String method, String path, String body, String provingAs) {

		Request(String method, String path, String body) {
			this(method, path, body, null);
		}

	}

	@Provide
	Arbitrary<Request> protocolRequests() {
		Arbitrary<String> peerId = Arbitraries.oneOf(Arbitraries.of("peer-1", "peer-2", "peer-3"), oddStrings());
		Arbitrary<String> fileName = Arbitraries.oneOf(Arbitraries.of("a.bin", "b.bin"), oddStrings());
		Arbitrary<Object> file = Combinators
			.combine(fileName, numbers(), numbers(), hexes(), Arbitraries.integers().between(-1, 40), hexes())
			.as((name, size, chunkSize, sha, count, chunkHash) -> {
				Map<String, Object> shared = new LinkedHashMap<>();
				shared.put("name", name);
				shared.put("size", size);
				shared.put("chunkSize", chunkSize);
				shared.put("sha256", sha);
				shared.put("chunkHashes", (count < 0) ? null : java.util.Collections.nCopies(count, chunkHash));
				return shared;
			});
		// a peer's own secret most of the time, none otherwise
		Arbitrary<Boolean> proving = Arbitraries.of(true, true, true, false);
		Arbitrary<Request> register = Combinators
			.combine(peerId, oddStrings(), numbers(), file.list().ofMaxSize(3), proving)
			.as((id, host, port, files, prove) -> new Request("POST", "/api/v1/register",
					write(map("peerId", id, "host", host, "port", port, "files", files)), prove ? id : null));
		Arbitrary<Request> chunks = Combinators.combine(fileName, peerId, numbers().list().ofMaxSize(20), proving)
			.as((name, id, indices, prove) -> new Request("POST", "/api/v1/files/" + encode(name) + "/chunks",
					write(map("peerId", id, "chunks", indices)), prove ? id : null));
		Arbitrary<Request> heartbeat = Combinators.combine(peerId, proving)
			.as((id, prove) -> new Request("POST", "/api/v1/peers/" + encode(id) + "/heartbeat", null,
					prove ? id : null));
		Arbitrary<Request> leave = Combinators.combine(peerId, proving)
			.as((id, prove) -> new Request("DELETE", "/api/v1/peers/" + encode(id), null, prove ? id : null));
		Arbitrary<Request> withdraw = Combinators.combine(peerId, fileName, proving)
			.as((id, name, prove) -> new Request("DELETE", "/api/v1/peers/" + encode(id) + "/files/" + encode(name),
					null, prove ? id : null));
		Arbitrary<Request> locations = fileName
			.map((name) -> new Request("GET", "/api/v1/files/" + encode(name) + "/locations", null));
		return Arbitraries.oneOf(register, register, chunks, chunks, heartbeat, leave, withdraw, locations);
	}

	@Provide
	Arbitrary<Request> junkRequests() {
		Arbitrary<String> path = Arbitraries.of("/api/v1/register", "/api/v1/files/a.bin/chunks",
				"/api/v1/peers/peer-1/heartbeat", "/api/v1/files", "/api/v1/files/%2F..%2Fx/locations",
				"/api/v1/files/%00/locations", "/api/v1/peers/%20/files/x", "/api/v1/nothing");
		Arbitrary<String> method = Arbitraries.of("GET", "POST", "DELETE", "PUT");
		Arbitrary<String> body = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
				Arbitraries.of("{}", "[]", "null", "{\"peerId\":{}}", "{\"files\":[[[]]]}", "{\"chunks\":\"x\"}",
						"{\"port\":1e309}", "{\"size\":-9223372036854775809}", "{\"name\":\"\\u0000\"}"));
		return Combinators.combine(method, path, body).as(Request::new);
	}

	private static void assertAnswered(Request request) throws Exception {
		HttpRequest.BodyPublisher publisher = (request.body() == null) ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(request.body());
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.method(request.method(), publisher);
		String secret = (request.provingAs() != null) ? secrets.get(request.provingAs()) : null;
		if (secret != null) {
			builder.header(RegistrationResult.SECRET_HEADER, secret);
		}
		HttpResponse<String> response = http.send(builder.build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		int status = response.statusCode();
		keepSecrets(request, response);
		assertThat(status).as("%s %s %s answered %s", request.method(), request.path(), request.body(), response.body())
			.isBetween(200, 499);
		if (status >= 400) {
			assertThat(response.headers().firstValue("Content-Type")).as(response.body())
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(json.readTree(response.body()).path("type").asString()).startsWith("urn:p2p-share:problem:");
		}
		assertRegistryConsistent();
	}

	private static void keepSecrets(Request request, HttpResponse<String> response) {
		if (response.statusCode() == 200 && request.path().equals("/api/v1/register")) {
			JsonNode answer = json.readTree(response.body());
			if (answer.hasNonNull("peerSecret")) {
				secrets.put(answer.get("peerId").asString(), answer.get("peerSecret").asString());
			}
		}
		if (response.statusCode() == 204 && request.provingAs() != null
				&& request.path().equals("/api/v1/peers/" + encode(request.provingAs()))) {
			secrets.remove(request.provingAs());
		}
	}

	/**
	 * Every listed file has locations whose chunk count matches its hashes and holders.
	 */
	private static void assertRegistryConsistent() throws Exception {
		JsonNode files = get("/api/v1/files").get("files");
		for (JsonNode file : files) {
			JsonNode locations = get("/api/v1/files/" + encode(file.get("name").asString()) + "/locations");
			int chunkCount = locations.get("chunkCount").asInt();
			assertThat(locations.get("chunkHashes").size()).isEqualTo(chunkCount);
			assertThat(locations.get("peers").size()).isPositive();
			for (JsonNode peer : locations.get("peers")) {
				assertThat(peer.get("chunksHeld").asInt()).isBetween(1, chunkCount);
			}
		}
	}

	private static JsonNode get(String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static Arbitrary<String> oddStrings() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80),
				Arbitraries.of("", " ", ".", "..", "a/b", "a\\b", "x".repeat(300), "\u0000", "é.bin", "%2F"));
	}

	private static Arbitrary<Object> numbers() {
		return Arbitraries.oneOf(
				Arbitraries.longs().between(-5, 5000).map((n) -> (Object) n), Arbitraries.of(0L, -1L, 1024L, 65535L,
						65536L, Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE, 1L << 40, (1L << 40) + 1),
				Arbitraries.of("12", "x", "1.5", true).map((o) -> o));
	}

	private static Arbitrary<String> hexes() {
		return Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
				Arbitraries.strings().withChars("0123456789abcdefABCDEFxyz").ofMinLength(0).ofMaxLength(70));
	}

	private static Map<String, Object> map(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	private static String write(Object value) {
		return json.writeValueAsString(value);
	}

	private static String encode(String segment) {
		List<String> parts = new ArrayList<>();
		for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '.' || c == '_';
			parts.add(plain ? String.valueOf((char) c) : String.format("%%%02X", c));
		}
		return String.join("", parts);
	}

}
