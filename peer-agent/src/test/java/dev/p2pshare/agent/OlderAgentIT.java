package dev.p2pshare.agent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.agent.protocol.ChunkHeader;
import dev.p2pshare.agent.protocol.ChunkRequest;
import dev.p2pshare.agent.protocol.ErrorCode;
import dev.p2pshare.agent.protocol.ErrorFrame;
import dev.p2pshare.agent.protocol.FrameCodec;
import dev.p2pshare.agent.protocol.Sha256;
import dev.p2pshare.agent.storage.ChunkHasher;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.PeerRegistration;
import dev.p2pshare.dto.RegistrationResult;
import dev.p2pshare.dto.SharedFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A leech whose only source is an agent from before SPREAD_REQUEST existed: such an agent
 * answers one with MALFORMED and hangs up, as its codec refused every type but REQUEST.
 * The leech asks it plainly from then on and downloads the whole file from it, without
 * banning it.
 */
class OlderAgentIT {

	/** The agent's default {@code peer.transfer.per-peer-in-flight}. */
	private static final int PER_PEER_IN_FLIGHT = 2;

	private static final int CHUNK = 256 * 1024;

	@TempDir
	Path root;

	@Test
	void aSourceThatRefusesSpreadRequestsIsAskedPlainlyAndServesTheWholeFile() throws Exception {
		Path original = SwarmFiles.randomFile(this.root.resolve("old"), "report.csv", 12 * CHUNK + 999, 71);
		SharedFile hashed = ChunkHasher.hash(original, "report.csv", CHUNK, (done) -> {
		});
		// such an agent computed no chain states either: the leech hashes twice
		SharedFile file = new SharedFile(hashed.name(), hashed.size(), CHUNK, hashed.sha256(), hashed.chunkHashes());
		ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
		try (TrackerProcess tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")));
				OlderAgent old = new OlderAgent(Files.readAllBytes(original), file)) {
			RestClient trackerApi = RestClient.create(tracker.url().toString());
			RegistrationResult registered = trackerApi.post()
				.uri("/api/v1/register")
				.body(new PeerRegistration("older-agent", "127.0.0.1", old.port(), List.of(file)))
				.retrieve()
				.body(RegistrationResult.class);
			assertThat(trackerApi.get()
				.uri("/api/v1/files/{name}/locations", file.name())
				.retrieve()
				.body(FileLocations.class)
				.chainStates()).as("none registered, none listed").isNull();
			// alive at the tracker for as long as the test takes, like a real agent
			heartbeats.scheduleAtFixedRate(() -> trackerApi.post()
				.uri("/api/v1/peers/{id}/heartbeat", "older-agent")
				.header(RegistrationResult.SECRET_HEADER, registered.peerSecret())
				.retrieve()
				.toBodilessEntity(), 1, 1, TimeUnit.SECONDS);
			try (Agent leech = Agent.start("leech", this.root.resolve("leech"), tracker.url())) {
				leech.download(file.name());
				DownloadStatus done = leech.awaitEnd(file.name(), Duration.ofSeconds(90));

				assertThat(done.state()).as(done.message()).isEqualTo(DownloadState.COMPLETE);
				assertThat(SwarmFiles.sha256(leech.shareDir().resolve(file.name()))).isEqualTo(file.sha256());
				assertThat(done.chunksBySource()).containsOnlyKeys("older-agent");
				assertThat(done.bannedSources()).as("refusing a spread request is no failure").isZero();
				assertThat(leech.counter("agent.chunks.chained")).as("no chain states: each chunk and the file apart")
					.isZero();
				assertThat(old.spreadRequests()).as("asked to choose only before its first refusal came back")
					.isBetween(1, PER_PEER_IN_FLIGHT);
				assertThat(old.chunksSent()).as("every chunk asked plainly, once").isEqualTo(done.chunkCount());
			}
		}
		finally {
			heartbeats.shutdownNow();
		}
	}

}
