package dev.p2pshare.tracker;

import dev.p2pshare.dto.SharedFile;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static dev.p2pshare.tracker.Fixtures.file;
import static dev.p2pshare.tracker.Fixtures.peer;
import static dev.p2pshare.tracker.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator opens: health probes, Prometheus metrics, the API spec and Swagger UI.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:operability;DB_CLOSE_DELAY=-1")
class OperabilityIT extends TrackerTestSupport {

	@Test
	void healthHasLivenessAndReadinessGroups() {
		this.http.get()
			.uri("/actuator/health/liveness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		this.http.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		this.http.get()
			.uri("/actuator/info")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.build.artifact")
			.isEqualTo("tracker-service");
	}

	@Test
	void prometheusShowsTheRegistryAndTheOperations() {
		SharedFile doc = file(unique("doc"), 3072, 1024);
		register(peer(unique("seed"), 7001, doc));
		locations(doc.name());
		String scrape = this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(scrape).containsPattern("(?m)^tracker_files [1-9]")
			.containsPattern("(?m)^tracker_peers_live [1-9]")
			.containsPattern("(?m)^tracker_chunks_held [1-9]")
			.containsPattern("(?m)^tracker_operations_total\\{operation=\"register\"} [1-9]")
			.containsPattern("(?m)^tracker_operations_total\\{operation=\"file_locations\"} [1-9]")
			.contains("tracker_operations_total{operation=\"chunk_register\"}")
			.contains("tracker_operations_total{operation=\"heartbeat\"}");
	}

	@Test
	void theSpecDescribesEveryOperationAndSchema() {
		this.http.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/v1/register'].post.description")
			.isNotEmpty()
			.jsonPath("$.paths['/api/v1/files'].get.description")
			.isNotEmpty()
			.jsonPath("$.paths['/api/v1/files/{fileName}/locations'].get.description")
			.isNotEmpty()
			.jsonPath("$.paths['/api/v1/files/{fileName}/chunks'].post.description")
			.isNotEmpty()
			.jsonPath("$.paths['/api/v1/peers/{peerId}/heartbeat'].post.description")
			.isNotEmpty()
			.jsonPath("$.paths['/api/v1/peers/{peerId}'].delete.description")
			.isNotEmpty()
			.jsonPath("$.paths['/api/v1/peers/{peerId}/files/{fileName}'].delete.description")
			.isNotEmpty()
			.jsonPath("$.components.schemas.SharedFile.properties.chunkSize.description")
			.isNotEmpty()
			.jsonPath("$.components.schemas.FileLocations.properties.chunkHashes.description")
			.isNotEmpty()
			.jsonPath("$.components.securitySchemes.writeToken.scheme")
			.isEqualTo("bearer");
	}

	@Test
	void swaggerUiIsServed() {
		this.http.get().uri("/swagger-ui/index.html").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();
		this.http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
	}

}
