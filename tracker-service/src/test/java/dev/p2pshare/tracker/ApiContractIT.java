package dev.p2pshare.tracker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed contract, {@code openapi/tracker-api.yaml}, is what the running tracker
 * serves at {@code /v3/api-docs.yaml}: a change to the API fails here until the file is
 * regenerated ({@code ./mvnw verify -Dopenapi.update=true}) and the diff reviewed.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:contract;DB_CLOSE_DELAY=-1")
class ApiContractIT extends TrackerTestSupport {

	@Test
	void theLiveApiIsTheCommittedContract() throws Exception {
		String live = this.http.get()
			.uri("/v3/api-docs.yaml")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		Path committed = Path.of(System.getProperty("p2p.openapi-dir"), "tracker-api.yaml");
		if (Boolean.getBoolean("openapi.update")) {
			Files.writeString(committed, live, StandardCharsets.UTF_8);
		}
		assertThat(live).as("the live API against %s (./mvnw verify -Dopenapi.update=true rewrites it)", committed)
			.isEqualTo(Files.readString(committed, StandardCharsets.UTF_8));
	}

}
