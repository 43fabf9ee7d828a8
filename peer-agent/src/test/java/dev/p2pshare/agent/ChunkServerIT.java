package dev.p2pshare.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.p2pshare.agent.protocol.ChunkMessage;
import dev.p2pshare.agent.protocol.ChunkRequest;
import dev.p2pshare.agent.protocol.ErrorCode;
import dev.p2pshare.agent.protocol.ErrorMessage;
import dev.p2pshare.agent.protocol.FrameCodec;
import dev.p2pshare.agent.protocol.ServerMessage;
import dev.p2pshare.agent.protocol.Sha256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile bytes at a real chunk server: each gets an error frame or a closed connection,
 * nothing outside the share directory is ever read, and well-behaved peers are served all
 * along.
 */
class ChunkServerIT {

	private static final int CHUNK = 64 * 1024;

	@TempDir
	static Path root;

	private static Agent agent;

	private static byte[] content;

	private static Sha256 fileHash;

	private static Sha256 secretHash;

	private static byte[] spreadContent;

	private static Sha256 spreadHash;

	private final FrameCodec codec = new FrameCodec(FrameCodec.frameLengthForChunk(CHUNK));

	@BeforeAll
	static void startAgent() throws Exception {
		Path share = root.resolve("share");
		Path shared = SwarmFiles.randomFile(share, "shared.bin", 5 * CHUNK + 17, 5);
		content = Files.readAllBytes(shared);
		fileHash = Sha256.ofHex(SwarmFiles.sha256(shared));
		Path spread = SwarmFiles.randomFile(share, "spread.bin", 6 * CHUNK, 7);
		spreadContent = Files.readAllBytes(spread);
		spreadHash = Sha256.ofHex(SwarmFiles.sha256(spread));
		Path secret = SwarmFiles.randomFile(root.resolve("outside"), "secret.key", 2048, 6);
		secretHash = Sha256.ofHex(SwarmFiles.sha256(secret));
		Files.createSymbolicLink(share.resolve("link-to-secret.key"), secret);
		agent = Agent.start("server", share, URI.create("http://127.0.0.1:9"), "--peer.mode=seed",
				"--peer.chunk-size=64KB", "--peer.server.read-timeout=1s", "--peer.server.idle-timeout=5s",
				"--peer.server.max-concurrent-uploads=4");
		await().atMost(Duration.ofSeconds(30)).until(() -> shares().containsAll(List.of("shared.bin", "spread.bin")));
	}

	@AfterAll
	static void stopAgent() {
		agent.close();
	}

	@Test
	void aConnectionCarriesManyRequestsAndEveryChunkIsExact() throws IOException {
		try (Socket socket = connect()) {
			for (int index = 5; index >= 0; index--) {
				assertThat(fetch(socket, index)).isEqualTo(expectedChunk(index));
			}
		}
	}

	@Test
	void aSeedAskedToSpreadAChunkItHasSentBeforeSendsAChunkItHasSentNoOneUntilEachWentOutOnce() throws IOException {
		try (Socket socket = connect()) {
			assertThat(fetchSpreadFile(socket, 2, true)).as("a first copy goes out as asked").isEqualTo(2);
			assertThat(fetchSpreadFile(socket, 2, false)).as("a plain request gets exactly the chunk asked")
				.isEqualTo(2);
			List<Integer> sent = new ArrayList<>(List.of(2));
			for (int i = 1; i < 6; i++) {
				sent.add(fetchSpreadFile(socket, 2, true));
			}
			assertThat(sent).as("each chunk once, front to back, instead of chunk 2 again")
				.containsExactly(2, 0, 1, 3, 4, 5);
			assertThat(fetchSpreadFile(socket, 4, true)).as("every chunk went out once: as asked").isEqualTo(4);
		}
	}

	@Test
	void garbageGetsAnErrorFrameAndAClosedConnection() throws IOException {
		try (Socket socket = connect()) {
			socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(errorCode(socket)).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
			assertThat(socket.getInputStream().read()).as("closed").isEqualTo(-1);
		}
	}

	@Test
	void anOversizedFrameIsRefusedBeforeItIsRead() throws IOException {
		try (Socket socket = connect()) {
			socket.getOutputStream().write(ByteBuffer.allocate(5).put((byte) 1).putInt(Integer.MAX_VALUE).array());
			assertThat(errorCode(socket)).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
		}
	}

	@Test
	void aMalformedRequestIsRefused() throws IOException {
		try (Socket socket = connect()) {
			socket.getOutputStream().write(ByteBuffer.allocate(10).put((byte) 1).putInt(5).put((byte) 9).array());
			assertThat(errorCode(socket)).isEqualTo(ErrorCode.MALFORMED);
		}
	}

	@Test
	void aTruncatedRequestIsCutOffAfterTheReadTimeout() throws IOException {
		try (Socket socket = connect()) {
			socket.getOutputStream().write(Arrays.copyOf(request(fileHash, 0), 12));
			assertThat(socket.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
		}
	}

	@Test
	void aPeerTricklingBytesIsCutOffWhileOthersAreServed() throws Exception {
		CompletableFuture<Integer> trickle = CompletableFuture.supplyAsync(() -> {
			try (Socket socket = connect()) {
				OutputStream out = socket.getOutputStream();
				for (byte b : request(fileHash, 0)) {
					out.write(b);
					out.flush();
					TimeUnit.MILLISECONDS.sleep(200);
				}
				return socket.getInputStream().read();
			}
			catch (IOException ex) {
				return -1;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return -2;
			}
		});
		try (Socket good = connect()) {
			assertThat(fetch(good, 3)).isEqualTo(expectedChunk(3));
		}
		assertThat(trickle.get(30, TimeUnit.SECONDS)).as("the trickling peer is dropped").isEqualTo(-1);
	}

	@Test
	void anIndexOutOfRangeIsAnErrorAndTheConnectionGoesOn() throws IOException {
		try (Socket socket = connect()) {
			socket.getOutputStream().write(request(fileHash, 9999));
			assertThat(errorCode(socket)).isEqualTo(ErrorCode.CHUNK_OUT_OF_RANGE);
			assertThat(fetch(socket, 1)).isEqualTo(expectedChunk(1));
		}
	}

	@Test
	void nothingOutsideTheShareDirectoryCanBeRequested() throws IOException {
		try (Socket socket = connect()) {
			socket.getOutputStream().write(request(secretHash, 0));
			assertThat(errorCode(socket)).as("a file reached through a link").isEqualTo(ErrorCode.UNKNOWN_FILE);
			socket.getOutputStream().write(request(Sha256.ofHex("00".repeat(32)), 0));
			assertThat(errorCode(socket)).isEqualTo(ErrorCode.UNKNOWN_FILE);
			assertThat(fetch(socket, 0)).isEqualTo(expectedChunk(0));
		}
		assertThat(shares()).containsExactlyInAnyOrder("shared.bin", "spread.bin");
	}

	@Test
	void peersBeyondTheUploadLimitAreToldTheServerIsBusy() throws IOException {
		await().atMost(Duration.ofSeconds(10)).until(() -> agent.activeUploads() == 0);
		List<Socket> holders = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				Socket socket = connect();
				holders.add(socket);
				assertThat(fetch(socket, 0)).isEqualTo(expectedChunk(0));
			}
			try (Socket extra = connect()) {
				assertThat(errorCode(extra)).isEqualTo(ErrorCode.BUSY);
			}
		}
		finally {
			for (Socket socket : holders) {
				socket.close();
			}
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			try (Socket socket = connect()) {
				assertThat(fetch(socket, 2)).isEqualTo(expectedChunk(2));
			}
		});
	}

	private static Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", agent.tcpPort());
		socket.setSoTimeout(15_000);
		return socket;
	}

	private byte[] request(Sha256 file, int index) {
		return this.codec.request(new ChunkRequest(file, index));
	}

	private byte[] fetch(Socket socket, int index) throws IOException {
		socket.getOutputStream().write(request(fileHash, index));
		InputStream in = socket.getInputStream();
		ServerMessage answer = this.codec.readResponse(in);
		assertThat(answer).isInstanceOf(ChunkMessage.class);
		ChunkMessage chunk = (ChunkMessage) answer;
		assertThat(chunk.header().chunkIndex()).isEqualTo(index);
		byte[] bytes = in.readNBytes(chunk.header().length());
		assertThat(Sha256.ofHex(SwarmFiles.sha256(bytes))).isEqualTo(chunk.header().sha256());
		return bytes;
	}

	/**
	 * Asks the seed for chunk {@code index} of spread.bin, letting it choose another or
	 * not.
	 * @return the chunk it sent, whose bytes are checked against that chunk of the file
	 */
	private int fetchSpreadFile(Socket socket, int index, boolean spread) throws IOException {
		socket.getOutputStream().write(this.codec.request(new ChunkRequest(spreadHash, index, spread)));
		InputStream in = socket.getInputStream();
		ServerMessage answer = this.codec.readResponse(in);
		assertThat(answer).isInstanceOf(ChunkMessage.class);
		int chunk = ((ChunkMessage) answer).header().chunkIndex();
		byte[] bytes = in.readNBytes(((ChunkMessage) answer).header().length());
		assertThat(bytes).isEqualTo(Arrays.copyOfRange(spreadContent, chunk * CHUNK, (chunk + 1) * CHUNK));
		return chunk;
	}

	private ErrorCode errorCode(Socket socket) throws IOException {
		try {
			ServerMessage answer = this.codec.readResponse(socket.getInputStream());
			assertThat(answer).isInstanceOf(ErrorMessage.class);
			return ((ErrorMessage) answer).error().code();
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("no answer", ex);
		}
	}

	private static byte[] expectedChunk(int index) {
		return Arrays.copyOfRange(content, index * CHUNK, Math.min(content.length, (index + 1) * CHUNK));
	}

	private static List<String> shares() {
		return agent.http()
			.get()
			.uri("/api/v1/shares")
			.retrieve()
			.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.stream()
			.map((share) -> (String) share.get("name"))
			.toList();
	}

}
