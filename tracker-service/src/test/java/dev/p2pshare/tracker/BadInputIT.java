package dev.p2pshare.tracker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.p2pshare.dto.FileList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.p2pshare.tracker.Fixtures.file;
import static dev.p2pshare.tracker.Fixtures.peer;
import static dev.p2pshare.tracker.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** What a client may send that the tracker must refuse with a clear problem detail. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:bad-input;DB_CLOSE_DELAY=-1",
				"tracker.max-request-size=4KB" })
@AutoConfigureRestTestClient
class BadInputIT {

	private static final String PROBLEM = "urn:p2p-share:problem:";

	@Autowired
	RestTestClient http;

	@LocalServerPort
	int port;

	@Test
	void malformedJsonIsAMalformedRequest() {
		problem(post("/api/v1/register", "{\"peerId\": \"p1\", "), 400, "malformed-request");
		problem(post("/api/v1/register", "[1, 2]"), 400, "malformed-request");
		problem(post("/api/v1/register", "{\"peerId\":\"p1\",\"host\":\"h\",\"port\":99999999999,\"files\":[]}"), 400,
				"malformed-request");
	}

	@Test
	void everyInvalidFieldIsNamed() {
		String body = """
				{"peerId": "../evil", "host": "bad host", "port": 0,
				 "files": [{"name": "../../etc/passwd", "size": 10, "chunkSize": 1024,
				            "sha256": "xyz", "chunkHashes": []}]}""";
		problem(post("/api/v1/register", body), 400, "validation-failed").jsonPath("$.errors[*].field")
			.value((fields) -> assertThat((List<Object>) fields).containsExactlyInAnyOrder("peerId", "host", "port",
					"files[0].name", "files[0].sha256", "files[0]"));
	}

	@Test
	void chainStatesThatCannotBeAreRefusedWithTheReason() {
		String body = """
				{"peerId": "p1", "host": "h", "port": 1,
				 "files": [{"name": "f", "size": 2200, "chunkSize": 1100,
				            "sha256": "%1$s", "chunkHashes": ["%1$s", "%1$s"], "chainStates": ["%1$s", "%1$s"]}]}"""
			.formatted("ab".repeat(32));
		problem(post("/api/v1/register", body), 400, "validation-failed").jsonPath("$.errors[0].field")
			.isEqualTo("files[0]")
			.jsonPath("$.errors[0].message")
			.isEqualTo("chainStates must hold one state per chunk, the first SHA-256's initial value, "
					+ "and chunkSize must be a multiple of 64");
	}

	@Test
	void aRefusedRegistrationRecordsNothing() {
		String peerId = unique("refused");
		String body = "{\"peerId\":\"" + peerId + "\",\"host\":\"h\",\"port\":1,\"files\":[null]}";
		problem(post("/api/v1/register", body), 400, "validation-failed");
		problem(this.http.post().uri("/api/v1/peers/{p}/heartbeat", peerId).exchange(), 404, "unknown-peer");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a..b", "..", "bell%07", "new%0Aline", "%2E%2E" })
	void namesThatCouldBecomePathsAreRefusedInUrls(String encodedName) {
		problem(this.http.get().uri(URI.create(base() + "/api/v1/files/" + encodedName + "/locations")).exchange(), 400,
				"validation-failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo("fileName");
	}

	@ParameterizedTest
	@ValueSource(strings = { "back%5Cslash", "slash%2Finside", "%2F..%2F..%2Fetc%2Fpasswd" })
	void encodedSeparatorsAreRefusedByTheWebServerWithAProblemDetail(String encodedName) {
		problem(this.http.get().uri(URI.create(base() + "/api/v1/files/" + encodedName + "/locations")).exchange(), 400,
				"bad-request");
	}

	@Test
	void aQueryParameterOfTheWrongTypeIsRefusedWithItsName() {
		problem(this.http.get().uri("/api/v1/files/{f}/locations?chunkHashes=maybe", "any.bin").exchange(), 400,
				"validation-failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo("chunkHashes")
			.jsonPath("$.errors[0].message")
			.isEqualTo("must be true or false");
	}

	@Test
	void aBitfieldAskedForWithoutTrueOrFalseIsRefusedWithItsName() {
		problem(this.http.get().uri("/api/v1/files/{f}/locations?chunkBitfield=yes-please", "any.bin").exchange(), 400,
				"validation-failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo("chunkBitfield");
	}

	@Test
	void aNumberOfPeersOutsideOneTo10000OrNotANumberIsRefusedWithItsName() {
		for (String refused : List.of("0", "-1", "10001", "many", "99999999999")) {
			problem(this.http.get().uri("/api/v1/files/{f}/locations?maxPeers=" + refused, "any.bin").exchange(), 400,
					"validation-failed")
				.jsonPath("$.errors[0].field")
				.isEqualTo("maxPeers");
		}
	}

	@Test
	void anAbsurdlyLongNameIsRefused() {
		problem(this.http.get().uri("/api/v1/files/{f}/locations", "n".repeat(300)).exchange(), 400,
				"validation-failed");
	}

	@Test
	void aBodyOverTheLimitIsRefusedBeforeItIsRead() {
		String huge = "{\"peerId\":\"p\",\"host\":\"" + "h".repeat(8000) + "\",\"port\":1,\"files\":[]}";
		problem(post("/api/v1/register", huge), 413, "payload-too-large");
	}

	@Test
	void aChunkedBodyIsCutOffWhenItGrowsPastTheLimit() throws IOException {
		HttpURLConnection connection = (HttpURLConnection) URI.create(base() + "/api/v1/register")
			.toURL()
			.openConnection();
		connection.setRequestMethod("POST");
		connection.setDoOutput(true);
		connection.setChunkedStreamingMode(512);
		connection.setRequestProperty("Content-Type", "application/json");
		connection.setConnectTimeout(5000);
		connection.setReadTimeout(10000);
		try (OutputStream out = connection.getOutputStream()) {
			out.write(("{\"peerId\":\"p\",\"host\":\"" + "h".repeat(8000) + "\",\"port\":1,\"files\":[]}")
				.getBytes(StandardCharsets.UTF_8));
		}
		assertThat(connection.getResponseCode()).isEqualTo(413);
		assertThat(connection.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(new String(connection.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
			.contains(PROBLEM + "payload-too-large");
	}

	@Test
	void theWrongMethodMediaTypeOrPathIsAProblemToo() {
		problem(this.http.put().uri("/api/v1/files").exchange(), 405, "method-not-allowed");
		problem(this.http.post().uri("/api/v1/register").contentType(MediaType.TEXT_PLAIN).body("peer").exchange(), 415,
				"unsupported-media-type");
		problem(this.http.get().uri("/api/v1/nothing-here").exchange(), 404, "not-found");
	}

	@Test
	void badInputLeavesTheRegistryUsable() {
		post("/api/v1/register", "{oops");
		var doc = file(unique("doc"), 2048, 1024);
		this.http.post()
			.uri("/api/v1/register")
			.contentType(MediaType.APPLICATION_JSON)
			.body(peer(unique("seed"), 7000, doc))
			.exchange()
			.expectStatus()
			.isOk();
		FileList list = this.http.get()
			.uri("/api/v1/files")
			.exchange()
			.expectBody(FileList.class)
			.returnResult()
			.getResponseBody();
		assertThat(list.files()).anySatisfy((summary) -> assertThat(summary.name()).isEqualTo(doc.name()));
	}

	private RestTestClient.ResponseSpec post(String path, String json) {
		return this.http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).exchange();
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	private static RestTestClient.BodyContentSpec problem(RestTestClient.ResponseSpec response, int status,
			String type) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEM + type)
			.jsonPath("$.title")
			.isNotEmpty()
			.jsonPath("$.detail")
			.isNotEmpty();
	}

}
