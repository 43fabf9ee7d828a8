package dev.p2pshare.tracker;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.p2pshare.tracker.Fixtures.file;
import static dev.p2pshare.tracker.Fixtures.peer;
import static dev.p2pshare.tracker.Fixtures.unique;

/** With {@code tracker.write-token} set, writes need the token and reads stay open. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:write-token;DB_CLOSE_DELAY=-1",
				"tracker.write-token=s3cret-token" })
@AutoConfigureRestTestClient
class WriteTokenIT {

	@Autowired
	RestTestClient http;

	@Test
	void aWriteWithoutTheTokenIsRefusedAndRecordsNothing() {
		String seed = unique("seed");
		this.http.post()
			.uri("/api/v1/register")
			.contentType(MediaType.APPLICATION_JSON)
			.body(peer(seed, 7000, file(unique("doc"), 2048, 1024)))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"p2p-share tracker\"")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:p2p-share:problem:unauthorized")
			.jsonPath("$.status")
			.isEqualTo(401);
		this.http.post()
			.uri("/api/v1/peers/{p}/heartbeat", seed)
			.header(HttpHeaders.AUTHORIZATION, "Bearer s3cret-token")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void aWrongTokenIsRefused() {
		this.http.delete()
			.uri("/api/v1/peers/{p}", unique("seed"))
			.header(HttpHeaders.AUTHORIZATION, "Bearer guess")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The bearer token is not the tracker's write token");
	}

	@Test
	void theTokenOpensWritesAndReadsNeedNone() {
		var doc = file(unique("doc"), 2048, 1024);
		this.http.post()
			.uri("/api/v1/register")
			.header(HttpHeaders.AUTHORIZATION, "Bearer s3cret-token")
			.contentType(MediaType.APPLICATION_JSON)
			.body(peer(unique("seed"), 7000, doc))
			.exchange()
			.expectStatus()
			.isOk();
		this.http.get().uri("/api/v1/files/{f}/locations", doc.name()).exchange().expectStatus().isOk();
		this.http.get().uri("/api/v1/files").exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

}
