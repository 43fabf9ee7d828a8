package dev.p2pshare.agent.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FrameCodecTests {

	private static final Sha256 FILE = Sha256.ofHex("ab".repeat(32));

	private final FrameCodec codec = new FrameCodec(1024);

	@Test
	void aRequestIsVersionLengthTypeDigestAndIndex() throws IOException {
		ByteBuffer frame = ByteBuffer.wrap(this.codec.request(new ChunkRequest(FILE, 7)));
		assertThat(frame.remaining()).isEqualTo(42);
		assertThat(frame.get()).isEqualTo((byte) 1);
		assertThat(frame.getInt()).isEqualTo(37);
		assertThat(frame.get()).isEqualTo((byte) 1);
		byte[] digest = new byte[32];
		frame.get(digest);
		assertThat(new Sha256(digest)).isEqualTo(FILE);
		assertThat(frame.getInt()).isEqualTo(7);
	}

	@Test
	void aRequestRoundTrips() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(this.codec.request(new ChunkRequest(FILE, 0)));
		out.write(this.codec.request(new ChunkRequest(FILE, 123_456, true)));
		byte[] frames = out.toByteArray();
		assertThat(frames[42 + 5]).as("a spread request's type").isEqualTo((byte) 4);
		ByteArrayInputStream in = new ByteArrayInputStream(frames);
		assertThat(this.codec.readRequest(in)).isEqualTo(new ChunkRequest(FILE, 0, false));
		assertThat(this.codec.readRequest(in)).isEqualTo(new ChunkRequest(FILE, 123_456, true));
		assertThat(this.codec.readRequest(in)).as("a clean end between frames").isNull();
	}

	@Test
	void aChunkHeaderAndAnErrorRoundTrip() throws IOException {
		Sha256 chunk = Sha256.ofHex("cd".repeat(32));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(this.codec.chunkHeader(new ChunkHeader(3, 5, chunk)));
		out.write("hello".getBytes(StandardCharsets.US_ASCII));
		out.write(this.codec.error(new ErrorFrame(ErrorCode.CHUNK_NOT_HELD, "not yet")));
		ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
		assertThat(this.codec.readResponse(in)).isEqualTo(new ChunkMessage(new ChunkHeader(3, 5, chunk)));
		assertThat(in.readNBytes(5)).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
		assertThat(this.codec.readResponse(in))
			.isEqualTo(new ErrorMessage(new ErrorFrame(ErrorCode.CHUNK_NOT_HELD, "not yet")));
	}

	@Test
	void anotherVersionIsRefusedBeforeTheRestIsRead() {
		byte[] frame = request(FILE, 1);
		frame[0] = 2;
		assertThat(refusal(frame)).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
	}

	@Test
	void aFrameLongerThanTheLimitIsRefusedBeforeItIsRead() {
		byte[] frame = ByteBuffer.allocate(5).put((byte) 1).putInt(Integer.MAX_VALUE).array();
		assertThat(refusal(frame)).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
		byte[] fourGiB = ByteBuffer.allocate(5).put((byte) 1).putInt(-1).array();
		assertThat(refusal(fourGiB)).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
	}

	@Test
	void aRequestOfTheWrongLengthOrTypeIsMalformed() {
		byte[] shortFrame = ByteBuffer.allocate(10).put((byte) 1).putInt(5).put((byte) 1).array();
		assertThat(refusal(shortFrame)).isEqualTo(ErrorCode.MALFORMED);
		byte[] chunkType = request(FILE, 1);
		chunkType[5] = 2;
		assertThat(refusal(chunkType)).isEqualTo(ErrorCode.MALFORMED);
		byte[] empty = ByteBuffer.allocate(5).put((byte) 1).putInt(0).array();
		assertThat(refusal(empty)).isEqualTo(ErrorCode.MALFORMED);
	}

	@Test
	void aNegativeChunkIndexIsMalformed() {
		assertThat(refusal(withIndex(request(FILE, 1), -5))).isEqualTo(ErrorCode.MALFORMED);
	}

	@Test
	void aTruncatedRequestIsAnEndOfStream() {
		byte[] truncated = Arrays.copyOf(request(FILE, 1), 20);
		assertThatExceptionOfType(EOFException.class)
			.isThrownBy(() -> this.codec.readRequest(new ByteArrayInputStream(truncated)));
	}

	@Test
	void aChunkHeaderWhoseLengthDisagreesWithTheFrameIsMalformed() {
		FrameCodec client = new FrameCodec(FrameCodec.frameLengthForChunk(1 << 20));
		byte[] header = client.chunkHeader(new ChunkHeader(0, 100, FILE));
		ByteBuffer.wrap(header).putInt(1, 41 + 99);
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> client.readResponse(new ByteArrayInputStream(header)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.MALFORMED));
	}

	@Test
	void aChunkHeaderThatPromisesMoreThanTheLargestChunkIsRefused() {
		FrameCodec client = new FrameCodec(FrameCodec.frameLengthForChunk(1 << 20));
		byte[] header = new FrameCodec(Long.MAX_VALUE).chunkHeader(new ChunkHeader(0, (1 << 20) + 1, FILE));
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> client.readResponse(new ByteArrayInputStream(header)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));
	}

	@Test
	void anErrorWithAnOverlongReasonIsMalformed() {
		byte[] frame = ByteBuffer.allocate(5 + 4)
			.put((byte) 1)
			.putInt(4 + 600)
			.put((byte) 3)
			.put((byte) 4)
			.putShort((short) 600)
			.array();
		FrameCodec client = new FrameCodec(1 << 20);
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> client.readResponse(new ByteArrayInputStream(frame)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.MALFORMED));
	}

	@Test
	void messagesCheckThemselves() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ChunkRequest(FILE, -1));
		assertThatIllegalArgumentException().isThrownBy(() -> new Sha256(new byte[31]));
		assertThatIllegalArgumentException().isThrownBy(() -> Sha256.ofHex("xyz"));
		assertThatIllegalArgumentException().isThrownBy(() -> new ErrorFrame(ErrorCode.BUSY, "é".repeat(300)));
		assertThat(ErrorCode.of(200)).isEqualTo(ErrorCode.MALFORMED);
	}

	private ErrorCode refusal(byte[] frame) {
		try {
			this.codec.readRequest(new ByteArrayInputStream(frame));
		}
		catch (ProtocolException ex) {
			return ex.code();
		}
		catch (IOException ex) {
			throw new AssertionError("expected a protocol error, got " + ex, ex);
		}
		throw new AssertionError("the frame was accepted");
	}

	private byte[] request(Sha256 file, int index) {
		return this.codec.request(new ChunkRequest(file, index));
	}

	private static byte[] withIndex(byte[] frame, int index) {
		ByteBuffer.wrap(frame).putInt(frame.length - 4, index);
		return frame;
	}

}
