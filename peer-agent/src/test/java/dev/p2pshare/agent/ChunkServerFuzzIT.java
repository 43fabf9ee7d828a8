package dev.p2pshare.agent;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.p2pshare.agent.protocol.ChunkMessage;
import dev.p2pshare.agent.protocol.ChunkRequest;
import dev.p2pshare.agent.protocol.ErrorMessage;
import dev.p2pshare.agent.protocol.FrameCodec;
import dev.p2pshare.agent.protocol.ProtocolException;
import dev.p2pshare.agent.protocol.ServerMessage;
import dev.p2pshare.agent.protocol.Sha256;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chunk server fuzzed with random frames and with valid requests mutated byte by
 * byte, a bounded number of cases per run: every answer is a well-formed ERROR frame, a
 * CHUNK frame with exactly the shared file's bytes, or a closed connection; no byte of a
 * file outside the share directory ever comes back; nothing is logged as an error; and a
 * well-behaved peer is served after every case.
 */
class ChunkServerFuzzIT {

	private static final int CHUNK = 64 * 1024;

	private static final FrameCodec codec = new FrameCodec(FrameCodec.frameLengthForChunk(CHUNK));

	private static Path root;

	private static Agent agent;

	private static byte[] content;

	private static Sha256 fileHash;

	private static byte[] secret;

	private static ListAppender<ILoggingEvent> log;

	@BeforeContainer
	static void startAgent() throws Exception {
		root = Files.createTempDirectory("chunk-server-fuzz");
		Path share = root.resolve("share");
		Path shared = SwarmFiles.randomFile(share, "shared.bin", 3 * CHUNK + 5, 41);
		content = Files.readAllBytes(shared);
		fileHash = Sha256.ofHex(SwarmFiles.sha256(shared));
		Path outside = SwarmFiles.randomFile(root.resolve("outside"), "secret.key", 4096, 42);
		secret = Files.readAllBytes(outside);
		Files.createSymbolicLink(share.resolve("link.key"), outside);
		agent = Agent.start("fuzzed", share, URI.create("http://127.0.0.1:9"), "--peer.mode=seed",
				"--peer.chunk-size=64KB", "--peer.server.read-timeout=500ms", "--peer.server.idle-timeout=2s");
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			try (Socket socket = connect()) {
				return Arrays.equals(fetch(socket, 0), chunk(0));
			}
			catch (IOException | AssertionError ex) {
				return false;
			}
		});
		log = new ListAppender<>();
		log.start();
		((Logger) LoggerFactory.getLogger("dev.p2pshare.agent")).addAppender(log);
	}

	@AfterContainer
	static void stopAgent() {
		((Logger) LoggerFactory.getLogger("dev.p2pshare.agent")).detachAppender(log);
		agent.close();
	}

	@Property(tries = 400)
	void randomBytesGetAnErrorOrAClosedConnection(@ForAll("randomFrames") byte[] frame) throws IOException {
		assertSafeAnswer(frame);
	}

	@Property(tries = 400)
	void mutatedRequestsGetAnErrorTheRightBytesOrAClosedConnection(@ForAll("mutatedRequests") byte[] frame)
			throws IOException {
		assertSafeAnswer(frame);
	}

	@Provide
	Arbitrary<byte[]> randomFrames() {
		Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300);
		// a plausible start (version 1, a small length, a type) followed by noise
		Arbitrary<byte[]> framed = Combinators
			.combine(Arbitraries.integers().between(0, 200), Arbitraries.bytes(), noise)
			.as((length, type, body) -> ByteBuffer.allocate(6 + body.length)
				.put((byte) FrameCodec.VERSION)
				.putInt(length)
				.put(type)
				.put(body)
				.array());
		return Arbitraries.oneOf(noise, framed);
	}

	@Provide
	Arbitrary<byte[]> mutatedRequests() {
		Arbitrary<Integer> index = Arbitraries.integers().between(-2, 5);
		Arbitrary<Integer> position = Arbitraries.integers().between(0, 41);
		Arbitrary<Integer> flips = Arbitraries.integers().between(0, 255);
		Arbitrary<Integer> cut = Arbitraries.integers().between(0, 60);
		return Combinators.combine(index, position, flips, cut).as((chunk, at, flip, length) -> {
			byte[] request = request(fileHash, Math.max(0, chunk));
			request[at % request.length] ^= (byte) flip.intValue();
			return Arrays.copyOf(request, Math.min(length, request.length + 19));
		});
	}

	private static void assertSafeAnswer(byte[] frame) throws IOException {
		try (Socket socket = connect()) {
			socket.getOutputStream().write(frame);
			socket.shutdownOutput();
			InputStream in = socket.getInputStream();
			while (true) {
				ServerMessage answer;
				try {
					answer = codec.readResponse(in);
				}
				catch (EOFException | SocketException ex) {
					break;
				}
				if (answer instanceof ChunkMessage chunk) {
					byte[] bytes = in.readNBytes(chunk.header().length());
					assertThat(bytes).as("only the shared file's chunks, exactly")
						.isEqualTo(chunk(chunk.header().chunkIndex()));
					assertThat(Sha256.ofHex(SwarmFiles.sha256(bytes))).isEqualTo(chunk.header().sha256());
					assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
						.doesNotContain(new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1));
				}
				else {
					assertThat(answer).isInstanceOf(ErrorMessage.class);
				}
			}
		}
		catch (ProtocolException ex) {
			throw new AssertionError("the server answered with a malformed frame", ex);
		}
		try (Socket socket = connect()) {
			assertThat(fetch(socket, 1)).as("a well-behaved peer is still served").isEqualTo(chunk(1));
		}
		List<ILoggingEvent> errors = log.list.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableProxy() != null)
			.toList();
		assertThat(errors).as("errors and stack traces in the log").isEmpty();
	}

	private static Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", agent.tcpPort());
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static byte[] request(Sha256 file, int index) {
		return codec.request(new ChunkRequest(file, index));
	}

	private static byte[] fetch(Socket socket, int index) throws IOException {
		socket.getOutputStream().write(request(fileHash, index));
		InputStream in = socket.getInputStream();
		ServerMessage answer = codec.readResponse(in);
		assertThat(answer).isInstanceOf(ChunkMessage.class);
		return in.readNBytes(((ChunkMessage) answer).header().length());
	}

	private static byte[] chunk(int index) {
		return Arrays.copyOfRange(content, index * CHUNK, Math.min(content.length, (index + 1) * CHUNK));
	}

}
