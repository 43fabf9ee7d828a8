package dev.p2pshare.tracker;

import java.nio.file.Path;
import java.util.List;

import dev.p2pshare.dto.ChunkRegistration;
import dev.p2pshare.dto.FileList;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.RegistrationResult;
import dev.p2pshare.dto.SharedFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.p2pshare.tracker.Fixtures.file;
import static dev.p2pshare.tracker.Fixtures.peer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracker stopped and started again on the same H2 file has lost no registration, and
 * still knows each peer's secret.
 */
class RestartIT {

	@TempDir
	Path data;

	@Test
	void theRegistrySurvivesARestart() {
		SharedFile movie = file("movie.mkv", 10 * 1024, 1024);
		FileList listBefore;
		FileLocations locationsBefore;
		String leechSecret;
		try (ConfigurableApplicationContext tracker = start()) {
			RestTestClient http = client(tracker);
			post(http, "/api/v1/register", peer("seed", 6881, movie));
			leechSecret = http.post()
				.uri("/api/v1/register")
				.contentType(MediaType.APPLICATION_JSON)
				.body(peer("leech", 6882))
				.exchange()
				.expectBody(RegistrationResult.class)
				.returnResult()
				.getResponseBody()
				.peerSecret();
			http.post()
				.uri("/api/v1/files/movie.mkv/chunks")
				.header(RegistrationResult.SECRET_HEADER, leechSecret)
				.contentType(MediaType.APPLICATION_JSON)
				.body(new ChunkRegistration("leech", List.of(0, 1, 5)))
				.exchange()
				.expectStatus()
				.isOk();
			listBefore = http.get()
				.uri("/api/v1/files")
				.exchange()
				.expectBody(FileList.class)
				.returnResult()
				.getResponseBody();
			locationsBefore = locations(http);
		}

		try (ConfigurableApplicationContext tracker = start()) {
			RestTestClient http = client(tracker);
			assertThat(http.get()
				.uri("/api/v1/files")
				.exchange()
				.expectBody(FileList.class)
				.returnResult()
				.getResponseBody()).isEqualTo(listBefore);
			assertThat(locations(http)).isEqualTo(locationsBefore);
			assertThat(locationsBefore.peers()).hasSize(2);
			http.post().uri("/api/v1/peers/leech/heartbeat").exchange().expectStatus().isForbidden();
			http.post()
				.uri("/api/v1/peers/leech/heartbeat")
				.header(RegistrationResult.SECRET_HEADER, leechSecret)
				.exchange()
				.expectStatus()
				.isOk();
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(TrackerApplication.class).run("--server.port=0",
				"--spring.datasource.url=jdbc:h2:file:" + this.data.resolve("tracker-db") + ";LOCK_TIMEOUT=10000");
	}

	private static RestTestClient client(ConfigurableApplicationContext tracker) {
		int port = ((WebServerApplicationContext) tracker).getWebServer().getPort();
		return RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	private static void post(RestTestClient http, String path, Object body) {
		http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).exchange().expectStatus().isOk();
	}

	private static FileLocations locations(RestTestClient http) {
		return http.get()
			.uri("/api/v1/files/movie.mkv/locations")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(FileLocations.class)
			.returnResult()
			.getResponseBody();
	}

}
