package dev.p2pshare.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.awaitility.Awaitility.await;

/** A running agent's REST API on loopback, called as a user's script would. */
final class AgentApi {

	private final RestClient http;

	AgentApi(int port) {
		this.http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
	}

	DownloadStatus download(String fileName) {
		return this.http.post()
			.uri("/api/v1/downloads")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("fileName", fileName))
			.retrieve()
			.body(DownloadStatus.class);
	}

	DownloadStatus status(String fileName) {
		return this.http.get().uri("/api/v1/downloads/{f}", fileName).retrieve().body(DownloadStatus.class);
	}

	List<DownloadStatus> downloads() {
		return this.http.get().uri("/api/v1/downloads").retrieve().body(new ParameterizedTypeReference<>() {
		});
	}

	/** Waits until the download is complete or failed, and says which. */
	DownloadStatus awaitEnd(String fileName, Duration patience) {
		await().atMost(patience)
			.ignoreExceptions()
			.until(() -> status(fileName).state(),
					(state) -> state == DownloadState.COMPLETE || state == DownloadState.FAILED);
		return status(fileName);
	}

	/** Waits until the agent's API answers and the agent is ready. */
	void awaitReady(Duration patience) {
		await().atMost(patience)
			.ignoreExceptions()
			.until(() -> this.http.get().uri("/actuator/health/readiness").retrieve().toBodilessEntity(),
					(answer) -> answer.getStatusCode().is2xxSuccessful());
	}

	RestClient http() {
		return this.http;
	}

}
