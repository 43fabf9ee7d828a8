package dev.p2pshare.agent.protocol;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes the chunk protocol's frames; {@code docs/PROTOCOL.md} has every byte.
 * <p>
 * Frame layout:
 * {@code version:u8 | length:u32 (bytes after this field) | type:u8 | body}.
 * <p>
 * The version byte and the length are checked before anything else is read, and a length
 * over {@code maxFrameLength} is refused, so a peer cannot make the reader allocate or
 * wait for more than it allows.
 */
public final class FrameCodec {

	/** The protocol version this codec speaks. */
	public static final int VERSION = 1;

	static final int TYPE_REQUEST = 1;

	static final int TYPE_CHUNK = 2;

	static final int TYPE_ERROR = 3;

	static final int TYPE_SPREAD_REQUEST = 4;

	/** type + file digest + chunk index. */
	static final int REQUEST_LENGTH = 1 + Sha256.LENGTH + 4;

	/** type + chunk index + data length + digest; the data follows. */
	static final int CHUNK_HEADER_LENGTH = 1 + 4 + 4 + Sha256.LENGTH;

	/**
	 * Bytes of a CHUNK frame before its data, version and length included: a reader that
	 * takes no more than this from the socket for an answer's header leaves every chunk
	 * byte to be read where it belongs.
	 */
	public static final int CHUNK_FRAME_START = 5 + CHUNK_HEADER_LENGTH;

	/** type + code + reason length; the reason follows. */
	static final int ERROR_HEADER_LENGTH = 1 + 1 + 2;

	private final long maxFrameLength;

	/**
	 * A codec that refuses frames longer than this.
	 * @param maxFrameLength the largest accepted value of the length field, in bytes
	 */
	public FrameCodec(long maxFrameLength) {
		this.maxFrameLength = maxFrameLength;
	}

	/** The largest frame that carries a chunk of this many bytes. */
	public static long frameLengthForChunk(long chunkBytes) {
		return CHUNK_HEADER_LENGTH + chunkBytes;
	}

	/** The bytes of a request frame. */
	public byte[] request(ChunkRequest request) {
		ByteBuffer frame = ByteBuffer.allocate(5 + REQUEST_LENGTH);
		frame.put((byte) VERSION)
			.putInt(REQUEST_LENGTH)
			.put((byte) (request.spread() ? TYPE_SPREAD_REQUEST : TYPE_REQUEST));
		frame.put(request.file().bytes()).putInt(request.chunkIndex());
		return frame.array();
	}

	/**
	 * Reads one request.
	 * @return the request, or {@code null} when the peer closed the connection between
	 * frames
	 * @throws ProtocolException when the frame breaks the protocol
	 * @throws IOException when the connection fails or times out mid-frame
	 */
	public ChunkRequest readRequest(InputStream in) throws IOException {
		int version = in.read();
		if (version < 0) {
			return null;
		}
		DataInputStream data = new DataInputStream(in);
		FrameStart start = readFrameStart(version, data);
		boolean request = start.type() == TYPE_REQUEST || start.type() == TYPE_SPREAD_REQUEST;
		if (!request || start.length() != REQUEST_LENGTH) {
			throw new ProtocolException(ErrorCode.MALFORMED, "Expected a REQUEST frame of " + REQUEST_LENGTH
					+ " bytes, got type " + start.type() + " of " + start.length() + " bytes");
		}
		byte[] file = new byte[Sha256.LENGTH];
		data.readFully(file);
		int chunkIndex = data.readInt();
		if (chunkIndex < 0) {
			throw new ProtocolException(ErrorCode.MALFORMED, "Negative chunk index " + chunkIndex);
		}
		return new ChunkRequest(new Sha256(file), chunkIndex, start.type() == TYPE_SPREAD_REQUEST);
	}

	/**
	 * The bytes of a chunk header; exactly {@code header.length()} chunk bytes follow it.
	 */
	public byte[] chunkHeader(ChunkHeader header) {
		ByteBuffer frame = ByteBuffer.allocate(CHUNK_FRAME_START);
		frame.put((byte) VERSION).putInt(CHUNK_HEADER_LENGTH + header.length()).put((byte) TYPE_CHUNK);
		frame.putInt(header.chunkIndex()).putInt(header.length()).put(header.sha256().bytes());
		return frame.array();
	}

	/** The bytes of an error frame. */
	public byte[] error(ErrorFrame error) {
		byte[] reason = error.reason().getBytes(StandardCharsets.UTF_8);
		ByteBuffer frame = ByteBuffer.allocate(5 + ERROR_HEADER_LENGTH + reason.length);
		frame.put((byte) VERSION).putInt(ERROR_HEADER_LENGTH + reason.length).put((byte) TYPE_ERROR);
		frame.put((byte) error.code().code()).putShort((short) reason.length).put(reason);
		return frame.array();
	}

	/**
	 * Reads the server's answer up to the chunk bytes, which the caller reads next.
	 * @throws ProtocolException when the frame breaks the protocol or is too long
	 * @throws EOFException when the server closed the connection
	 */
	public ServerMessage readResponse(InputStream in) throws IOException {
		int version = in.read();
		if (version < 0) {
			throw new EOFException("The peer closed the connection instead of answering");
		}
		DataInputStream data = new DataInputStream(in);
		FrameStart start = readFrameStart(version, data);
		if (start.type() == TYPE_CHUNK) {
			int chunkIndex = data.readInt();
			long dataLength = Integer.toUnsignedLong(data.readInt());
			byte[] digest = new byte[Sha256.LENGTH];
			data.readFully(digest);
			if (start.length() != CHUNK_HEADER_LENGTH + dataLength || chunkIndex < 0) {
				throw new ProtocolException(ErrorCode.MALFORMED, "A CHUNK frame of " + start.length()
						+ " bytes cannot carry " + dataLength + " bytes of chunk " + chunkIndex);
			}
			return new ChunkMessage(new ChunkHeader(chunkIndex, (int) dataLength, new Sha256(digest)));
		}
		if (start.type() == TYPE_ERROR) {
			ErrorCode code = ErrorCode.of(data.readUnsignedByte());
			int reasonLength = data.readUnsignedShort();
			if (reasonLength > ErrorFrame.MAX_REASON_BYTES || start.length() != ERROR_HEADER_LENGTH + reasonLength) {
				throw new ProtocolException(ErrorCode.MALFORMED, "An ERROR frame of " + start.length()
						+ " bytes cannot carry a reason of " + reasonLength + " bytes");
			}
			byte[] reason = new byte[reasonLength];
			data.readFully(reason);
			return new ErrorMessage(new ErrorFrame(code, new String(reason, StandardCharsets.UTF_8)));
		}
		throw new ProtocolException(ErrorCode.MALFORMED, "Unknown frame type " + start.type());
	}

	private FrameStart readFrameStart(int version, DataInputStream data) throws IOException {
		if (version != VERSION) {
			throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
					"Protocol version " + version + " is not supported; this peer speaks " + VERSION);
		}
		long length = Integer.toUnsignedLong(data.readInt());
		if (length > this.maxFrameLength) {
			throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE,
					"A frame of " + length + " bytes exceeds the limit of " + this.maxFrameLength);
		}
		if (length < 1) {
			throw new ProtocolException(ErrorCode.MALFORMED, "An empty frame has no type");
		}
		return new FrameStart(data.readUnsignedByte(), length);
	}

	private record FrameStart(int type, long length) {
	}

}
