package dev.p2pshare.agent.tracker;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;

import dev.p2pshare.agent.config.PeerProperties;
import dev.p2pshare.agent.storage.PeerIdentity;
import dev.p2pshare.dto.ChunkRegistration;
import dev.p2pshare.dto.ChunkRegistrationResult;
import dev.p2pshare.dto.FileList;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.HeartbeatResult;
import dev.p2pshare.dto.PeerRegistration;
import dev.p2pshare.dto.ProblemType;
import dev.p2pshare.dto.RegistrationResult;
import dev.p2pshare.dto.SharedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The tracker's REST API, with the timeouts of {@code peer.tracker.*}. Every write on
 * behalf of this peer carries its secret; the secret the first registration returns is
 * kept.
 */
@Component
public class TrackerClient {

	private static final Logger logger = LoggerFactory.getLogger(TrackerClient.class);

	private static final String UNKNOWN_FILE = ProblemType.UNKNOWN_FILE.uri().toString();

	private final RestClient rest;

	private final PeerIdentity identity;

	private final String advertisedHost;

	private final int peersWanted;

	public TrackerClient(RestClient.Builder builder, PeerProperties properties, PeerIdentity identity) {
		this.identity = identity;
		if (StringUtils.hasText(properties.advertisedHost())) {
			this.advertisedHost = properties.advertisedHost();
		}
		else {
			this.advertisedHost = AdvertisedHost.guess(properties.trackerUrl());
			logger.info("Telling other peers to reach this one at {}, the address it reaches the tracker from "
					+ "(--peer.advertised-host=HOST says otherwise)", this.advertisedHost);
		}
		this.peersWanted = properties.transfer().peersWanted();
		PeerProperties.Tracker tracker = properties.tracker();
		SimpleClientHttpRequestFactory requests = new NoRedirects();
		requests.setConnectTimeout(tracker.connectTimeout());
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

	/** Where other peers reach this peer's chunk server: a DNS name or IP address. */
	public String advertisedHost() {
		return this.advertisedHost;
	}

	/**
	 * REGISTER: this peer, the port its chunk server listens on, and the files it holds
	 * whole.
	 * @throws HttpClientErrorException.Forbidden when the tracker holds this peer id
	 * under another secret
	 */
	public RegistrationResult register(int port, List<SharedFile> files) {
		RegistrationResult result = this.rest.post()
			.uri("/api/v1/register")
			.headers(this::proveIdentity)
			.body(new PeerRegistration(this.identity.peerId(), this.advertisedHost, port, files))
			.retrieve()
			.body(RegistrationResult.class);
		if (result != null && result.peerSecret() != null) {
			this.identity.secretIssued(result.peerSecret());
		}
		return result;
	}

	/**
	 * Tells the tracker this peer is alive.
	 * @throws UnknownToTrackerException when the tracker no longer knows this peer
	 */
	public HeartbeatResult heartbeat() {
		String peerId = this.identity.peerId();
		try {
			return this.rest.post()
				.uri("/api/v1/peers/{peerId}/heartbeat", peerId)
				.headers(this::proveIdentity)
				.retrieve()
				.body(HeartbeatResult.class);
		}
		catch (HttpClientErrorException.NotFound ex) {
			throw new UnknownToTrackerException(peerId);
		}
	}

	/**
	 * Reports verified chunks.
	 * @param withPeers whether to ask for the file's live holders in the answer, each
	 * with its chunks as a bitfield (a tracker from before the parameter answers without
	 * them)
	 * @return the tracker's answer, or empty when it knows no file of this name (it
	 * forgot the file when its last holder left; announcing the whole file brings it
	 * back)
	 * @throws UnknownToTrackerException when the tracker no longer knows this peer
	 */
	public Optional<ChunkRegistrationResult> registerChunks(String fileName, List<Integer> chunks, boolean withPeers) {
		ChunkRegistration registration = new ChunkRegistration(this.identity.peerId(), chunks);
		try {
			return Optional.ofNullable(this.rest.post()
				.uri("/api/v1/files/{fileName}/chunks?peers={peers}", fileName, withPeers)
				.headers(this::proveIdentity)
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

	/**
	 * The file's locations, each holder's chunks as a bitfield (a tracker from before the
	 * parameter gives runs of indices), or empty when the tracker knows no file of this
	 * name. At most {@code peer.transfer.peers-wanted} holders, picked at random when
	 * more hold the file (a tracker from before the parameter lists all of them).
	 */
	public Optional<FileLocations> locations(String fileName) {
		return locations(fileName, true);
	}

	/**
	 * The file's locations without its chunk hashes (a downloader has them already: for
	 * 1,024 chunks they are 67 KB of the answer), or empty when the tracker knows no file
	 * of this name. A tracker from before the parameter lists them anyway.
	 */
	public Optional<FileLocations> sources(String fileName) {
		return locations(fileName, false);
	}

	private Optional<FileLocations> locations(String fileName, boolean chunkHashes) {
		try {
			return Optional.ofNullable(this.rest.get()
				.uri("/api/v1/files/{fileName}/locations?chunkHashes={chunkHashes}&chunkBitfield=true&maxPeers={maxPeers}",
						fileName, chunkHashes, this.peersWanted)
				.retrieve()
				.body(FileLocations.class));
		}
		catch (HttpClientErrorException.NotFound ex) {
			return Optional.empty();
		}
	}

	public void withdraw(String fileName) {
		ignoringNotFound(() -> this.rest.delete()
			.uri("/api/v1/peers/{peerId}/files/{fileName}", this.identity.peerId(), fileName)
			.headers(this::proveIdentity)
			.retrieve()
			.toBodilessEntity());
	}

	public void leave() {
		ignoringNotFound(() -> this.rest.delete()
			.uri("/api/v1/peers/{peerId}", this.identity.peerId())
			.headers(this::proveIdentity)
			.retrieve()
			.toBodilessEntity());
	}

	private void proveIdentity(HttpHeaders headers) {
		String secret = this.identity.secret();
		if (secret != null) {
			headers.set(RegistrationResult.SECRET_HEADER, secret);
		}
	}

	/**
	 * The JDK's {@code HttpURLConnection}, which answers on the calling thread: the JDK's
	 * {@code HttpClient} hands every exchange between its selector and executor threads
	 * (and Spring's factory starts a thread per request body), which on a busy host costs
	 * more than the small requests an agent sends. It keeps connections alive as well.
	 * Its read timeout bounds each silence of the tracker, not the whole answer. A
	 * tracker that redirects is not followed.
	 */
	private static final class NoRedirects extends SimpleClientHttpRequestFactory {

		@Override
		protected void prepareConnection(HttpURLConnection connection, String httpMethod) throws IOException {
			super.prepareConnection(connection, httpMethod);
			connection.setInstanceFollowRedirects(false);
		}

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
