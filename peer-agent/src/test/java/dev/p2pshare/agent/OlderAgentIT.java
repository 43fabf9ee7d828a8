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
	private static final int PER_PEER_IN_FLIGHT = 4;

	private static final int CHUNK = 256 * 1024;

	@TempDir
	Path root;

	@Test
	void aSourceThatRefusesSpreadRequestsIsAskedPlainlyAndServesTheWholeFile() throws Exception {
		Path original = SwarmFiles.randomFile(this.root.resolve("old"), "report.csv", 12 * CHUNK + 999, 71);
		SharedFile file = ChunkHasher.hash(original, "report.csv", CHUNK, (hashed) -> {
		});
		ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
		try (TrackerProcess tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")));
				OlderAgent old = new OlderAgent(Files.readAllBytes(original), file)) {
			RestClient trackerApi = RestClient.create(tracker.url().toString());
			RegistrationResult registered = trackerApi.post()
				.uri("/api/v1/register")
				.body(new PeerRegistration("older-agent", "127.0.0.1", old.port(), List.of(file)))
				.retrieve()
				.body(RegistrationResult.class);
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
				assertThat(old.spreadRequests()).as("asked to choose only before its first refusal came back")
					.isBetween(1, PER_PEER_IN_FLIGHT);
				assertThat(old.chunksSent()).as("every chunk asked plainly, once").isEqualTo(done.chunkCount());
			}
		}
		finally {
			heartbeats.shutdownNow();
		}
	}

	/** A chunk server as agents were before SPREAD_REQUEST, on loopback. */
	private static final class OlderAgent implements AutoCloseable {

		private final FrameCodec codec = new FrameCodec(FrameCodec.frameLengthForChunk(CHUNK));

		private final byte[] content;

		private final SharedFile file;

		private final AtomicInteger spreadRequests = new AtomicInteger();

		private final AtomicInteger chunksSent = new AtomicInteger();

		private final LoopbackServer server;

		OlderAgent(byte[] content, SharedFile file) throws IOException {
			this.content = content;
			this.file = file;
			this.server = new LoopbackServer("older-agent", this::serve);
		}

		int port() {
			return this.server.port();
		}

		int spreadRequests() {
			return this.spreadRequests.get();
		}

		int chunksSent() {
			return this.chunksSent.get();
		}

		private void serve(Socket socket) throws IOException {
			InputStream in = new BufferedInputStream(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			while (true) {
				ChunkRequest request = this.codec.readRequest(in);
				if (request == null) {
					return;
				}
				if (request.spread()) {
					this.spreadRequests.incrementAndGet();
					out.write(this.codec.error(new ErrorFrame(ErrorCode.MALFORMED,
							"Expected a REQUEST frame of 37 bytes, got type 4 of 37 bytes")));
					return;
				}
				int offset = request.chunkIndex() * CHUNK;
				int length = Math.min(CHUNK, this.content.length - offset);
				Sha256 hash = Sha256.ofHex(this.file.chunkHashes().get(request.chunkIndex()));
				out.write(this.codec.chunkHeader(new ChunkHeader(request.chunkIndex(), length, hash)));
				out.write(this.content, offset, length);
				out.flush();
				this.chunksSent.incrementAndGet();
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

}
