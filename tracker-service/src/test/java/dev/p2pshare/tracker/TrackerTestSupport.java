package dev.p2pshare.tracker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.p2pshare.dto.ChunkRegistration;
import dev.p2pshare.dto.ChunkRegistrationResult;
import dev.p2pshare.dto.FileList;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.FileSummary;
import dev.p2pshare.dto.PeerLocation;
import dev.p2pshare.dto.PeerRegistration;
import dev.p2pshare.dto.RegistrationResult;
import dev.p2pshare.dto.SharedFile;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.p2pshare.tracker.Fixtures.peer;
import static dev.p2pshare.tracker.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tracker on a random port with an HTTP client and the protocol's calls, for tests that
 * talk to it as peers do.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
abstract class TrackerTestSupport {

	static final String PROBLEM = "urn:p2p-share:problem:";

	@Autowired
	protected RestTestClient http;

	/** The secret each peer registered by this test got, sent on its later writes. */
	private final Map<String, String> secrets = new ConcurrentHashMap<>();

	protected RegistrationResult register(PeerRegistration registration) {
		RegistrationResult result = registration(registration).expectStatus()
			.isOk()
			.expectBody(RegistrationResult.class)
			.returnResult()
			.getResponseBody();
		if (result.peerSecret() != null) {
			this.secrets.put(result.peerId(), result.peerSecret());
		}
		return result;
	}

	/**
	 * A seed of the file and four leeches that registered one chunk each (chunks 0 to 3).
	 * @return their peer ids, the seed's first
	 */
	protected List<String> swarmOfFive(SharedFile file) {
		List<String> holders = new ArrayList<>();
		holders.add(unique("seed"));
		register(peer(holders.get(0), 7001, file));
		for (int i = 0; i < 4; i++) {
			String leech = unique("leech");
			register(peer(leech, 7002 + i));
			registerChunks(file.name(), leech, List.of(i));
			holders.add(leech);
		}
		return holders;
	}

	protected RestTestClient.ResponseSpec registration(PeerRegistration registration) {
		return this.http.post()
			.uri("/api/v1/register")
			.headers((headers) -> proveAs(registration.peerId(), headers))
			.contentType(MediaType.APPLICATION_JSON)
			.body(registration)
			.exchange();
	}

	protected RestTestClient.ResponseSpec heartbeat(String peerId) {
		return this.http.post()
			.uri("/api/v1/peers/{p}/heartbeat", peerId)
			.headers((headers) -> proveAs(peerId, headers))
			.exchange();
	}

	protected RestTestClient.ResponseSpec withdraw(String peerId, String fileName) {
		return this.http.delete()
			.uri("/api/v1/peers/{p}/files/{f}", peerId, fileName)
			.headers((headers) -> proveAs(peerId, headers))
			.exchange();
	}

	protected RestTestClient.ResponseSpec leave(String peerId) {
		return this.http.delete()
			.uri("/api/v1/peers/{p}", peerId)
			.headers((headers) -> proveAs(peerId, headers))
			.exchange();
	}

	protected String secretOf(String peerId) {
		return this.secrets.get(peerId);
	}

	protected ChunkRegistrationResult registerChunks(String fileName, String peerId, List<Integer> chunks) {
		return registerChunks(fileName, peerId, chunks, false);
	}

	/**
	 * CHUNK_REGISTER, asking for the file's holders in the answer too when {@code peers}.
	 */
	protected ChunkRegistrationResult registerChunks(String fileName, String peerId, List<Integer> chunks,
			boolean peers) {
		return chunkRegistration(fileName, peerId, chunks, peers).expectStatus()
			.isOk()
			.expectBody(ChunkRegistrationResult.class)
			.returnResult()
			.getResponseBody();
	}

	protected RestTestClient.ResponseSpec chunkRegistration(String fileName, String peerId, List<Integer> chunks) {
		return chunkRegistration(fileName, peerId, chunks, false);
	}

	private RestTestClient.ResponseSpec chunkRegistration(String fileName, String peerId, List<Integer> chunks,
			boolean peers) {
		return this.http.post()
			.uri(peers ? "/api/v1/files/{f}/chunks?peers=true" : "/api/v1/files/{f}/chunks", fileName)
			.headers((headers) -> proveAs(peerId, headers))
			.contentType(MediaType.APPLICATION_JSON)
			.body(new ChunkRegistration(peerId, chunks))
			.exchange();
	}

	protected FileList list() {
		return this.http.get()
			.uri("/api/v1/files")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(FileList.class)
			.returnResult()
			.getResponseBody();
	}

	protected FileSummary summaryOf(String fileName) {
		FileList list = list();
		assertThat(list.count()).isEqualTo(list.files().size());
		return list.files()
			.stream()
			.filter((summary) -> summary.name().equals(fileName))
			.findFirst()
			.orElseThrow(() -> new AssertionError(fileName + " is not listed in " + list));
	}

	protected FileLocations locations(String fileName) {
		return locationsAt("/api/v1/files/{f}/locations", fileName);
	}

	protected FileLocations locations(String fileName, boolean chunkHashes) {
		return locationsAt("/api/v1/files/{f}/locations?chunkHashes=" + chunkHashes, fileName);
	}

	protected FileLocations locationsAt(String uri, String fileName) {
		return this.http.get()
			.uri(uri, fileName)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(FileLocations.class)
			.returnResult()
			.getResponseBody();
	}

	protected PeerLocation locationOf(String fileName, String peerId) {
		return locations(fileName).peers()
			.stream()
			.filter((peer) -> peer.peerId().equals(peerId))
			.findFirst()
			.orElseThrow(() -> new AssertionError(peerId + " is not a location of " + fileName));
	}

	private void proveAs(String peerId, HttpHeaders headers) {
		String secret = this.secrets.get(peerId);
		if (secret != null) {
			headers.set(RegistrationResult.SECRET_HEADER, secret);
		}
	}

	protected static RestTestClient.BodyContentSpec expectProblem(RestTestClient.ResponseSpec response, int status,
			String type) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEM + type)
			.jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.detail")
			.isNotEmpty();
	}

}
