package dev.p2pshare.agent.tracker;

import java.net.http.HttpClient;
import java.util.Optional;

import dev.p2pshare.agent.config.PeerProperties;
import dev.p2pshare.dto.ChunkRegistration;
import dev.p2pshare.dto.ChunkRegistrationResult;
import dev.p2pshare.dto.FileList;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.HeartbeatResult;
import dev.p2pshare.dto.PeerRegistration;
import dev.p2pshare.dto.RegistrationResult;

import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/** The tracker's REST API, with the timeouts of {@code peer.tracker.*}. */
@Component
public class TrackerClient {

	private static final String UNKNOWN_FILE = "urn:p2p-share:problem:unknown-file";

	private final RestClient rest;

	public TrackerClient(RestClient.Builder builder, PeerProperties properties) {
		PeerProperties.Tracker tracker = properties.tracker();
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(tracker.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(tracker.readTimeout());
		this.rest = builder.clone()
			.baseUrl(properties.trackerUrl().toString())
			.requestFactory(requests)
			.defaultHeaders((headers) -> {
				if (StringUtils.hasText(tracker.writeToken())) {
					headers.setBearerAuth(tracker.writeToken());
				}
			})
			.build();
	}

	public RegistrationResult register(PeerRegistration registration) {
		return this.rest.post().uri("/api/v1/register").body(registration).retrieve().body(RegistrationResult.class);
	}

	/**
	 * Tells the tracker this peer is alive.
	 * @throws UnknownToTrackerException when the tracker no longer knows this peer
	 */
	public HeartbeatResult heartbeat(String peerId) {
		try {
			return this.rest.post()
				.uri("/api/v1/peers/{peerId}/heartbeat", peerId)
				.retrieve()
				.body(HeartbeatResult.class);
		}
		catch (HttpClientErrorException.NotFound ex) {
			throw new UnknownToTrackerException(peerId);
		}
	}

	/**
	 * Reports verified chunks.
	 * @return the tracker's answer, or empty when it knows no file of this name (it
	 * forgot the file when its last holder left; announcing the whole file brings it
	 * back)
	 * @throws UnknownToTrackerException when the tracker no longer knows this peer
	 */
	public Optional<ChunkRegistrationResult> registerChunks(String fileName, ChunkRegistration registration) {
		try {
			return Optional.ofNullable(this.rest.post()
				.uri("/api/v1/files/{fileName}/chunks", fileName)
				.body(registration)
				.retrieve()
				.body(ChunkRegistrationResult.class));
		}
		catch (HttpClientErrorException.NotFound ex) {
			if (ex.getResponseBodyAsString().contains(UNKNOWN_FILE)) {
				return Optional.empty();
			}
			throw new UnknownToTrackerException(registration.peerId());
		}
	}

	public FileList files() {
		return this.rest.get().uri("/api/v1/files").retrieve().body(FileList.class);
	}

	/** The file's locations, or empty when the tracker knows no file of this name. */
	public Optional<FileLocations> locations(String fileName) {
		try {
			return Optional.ofNullable(this.rest.get()
				.uri("/api/v1/files/{fileName}/locations", fileName)
				.retrieve()
				.body(FileLocations.class));
		}
		catch (HttpClientErrorException.NotFound ex) {
			return Optional.empty();
		}
	}

	public void withdraw(String peerId, String fileName) {
		ignoringNotFound(() -> this.rest.delete()
			.uri("/api/v1/peers/{peerId}/files/{fileName}", peerId, fileName)
			.retrieve()
			.toBodilessEntity());
	}

	public void leave(String peerId) {
		ignoringNotFound(() -> this.rest.delete().uri("/api/v1/peers/{peerId}", peerId).retrieve().toBodilessEntity());
	}

	private static void ignoringNotFound(Runnable call) {
		try {
			call.run();
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode() != HttpStatus.NOT_FOUND) {
				throw ex;
			}
		}
	}

}
