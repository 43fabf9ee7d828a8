package dev.p2pshare.agent.chunkserver;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

import dev.p2pshare.agent.config.PeerProperties;
import dev.p2pshare.agent.protocol.ChunkHeader;
import dev.p2pshare.agent.protocol.ChunkRequest;
import dev.p2pshare.agent.protocol.ErrorCode;
import dev.p2pshare.agent.protocol.ErrorFrame;
import dev.p2pshare.agent.protocol.FrameCodec;
import dev.p2pshare.agent.protocol.ProtocolException;
import dev.p2pshare.agent.protocol.RateLimiter;
import dev.p2pshare.agent.storage.Library;
import dev.p2pshare.agent.storage.SharedEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's connection: requests in a row, each answered with a chunk or an error. Chunk
 * bytes go from the file to the socket with {@code transferTo}, never through the heap.
 */
final class ChunkConnection {

	private static final Logger logger = LoggerFactory.getLogger(ChunkConnection.class);

	/**
	 * Bytes sent per {@code transferTo} call, so the rate limit and the watchdog see
	 * progress.
	 */
	private static final int SLICE = 256 * 1024;

	private final SocketChannel socket;

	private final FrameCodec codec;

	private final Library library;

	private final PeerProperties.Server limits;

	private final RateLimiter uploadRate;

	private final LongConsumer served;

	private final String peer;

	/** When the current write last made progress; 0 while not writing. */
	private volatile long writingSince;

	ChunkConnection(SocketChannel socket, FrameCodec codec, Library library, PeerProperties.Server limits,
			RateLimiter uploadRate, LongConsumer served) {
		this.socket = socket;
		this.codec = codec;
		this.library = library;
		this.limits = limits;
		this.uploadRate = uploadRate;
		this.served = served;
		this.peer = describe(socket);
	}

	void serve() {
		try (this.socket) {
			this.socket.socket().setTcpNoDelay(true);
			DeadlineInputStream timed = new DeadlineInputStream(this.socket.socket(),
					(int) this.limits.idleTimeout().toMillis());
			PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(timed, 256));
			while (true) {
				timed.endFrame();
				int first = in.read();
				if (first < 0) {
					return;
				}
				in.unread(first);
				timed.startFrame(this.limits.readTimeout().toNanos());
				ChunkRequest request;
				try {
					request = this.codec.readRequest(in);
				}
				catch (ProtocolException ex) {
					logger.info("Closing {}: {}", this.peer, ex.getMessage());
					sendError(ex.code(), ex.getMessage());
					return;
				}
				timed.endFrame();
				if (request == null || !answer(request)) {
					return;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			logger.debug("Closing {}: timed out", this.peer);
		}
		catch (IOException | InterruptedException ex) {
			logger.debug("Closing {}: {}", this.peer, ex.toString());
		}
	}

	/** Answers one request; false when the connection cannot go on. */
	private boolean answer(ChunkRequest request) throws IOException, InterruptedException {
		SharedEntry entry = this.library.find(request.file()).orElse(null);
		if (entry == null) {
			return sendError(ErrorCode.UNKNOWN_FILE, "No shared file has SHA-256 " + request.file());
		}
		int index = request.chunkIndex();
		if (index >= entry.chunkCount()) {
			return sendError(ErrorCode.CHUNK_OUT_OF_RANGE,
					entry.name() + " has " + entry.chunkCount() + " chunks; no chunk " + index);
		}
		if (!entry.holds(index)) {
			return sendError(ErrorCode.CHUNK_NOT_HELD, "This peer does not hold chunk " + index + " yet");
		}
		SharedEntry.Upload upload = entry.startUpload(index, request.spread() && this.limits.spreadFirstCopies());
		boolean sent = false;
		try {
			sent = send(entry, upload.chunk());
		}
		finally {
			if (!sent) {
				entry.uploadFailed(upload);
			}
		}
		return true;
	}

	/**
	 * Sends one chunk, or an error frame when it is no longer on disk as it was.
	 * @return whether the chunk went out
	 */
	private boolean send(SharedEntry entry, int index) throws IOException, InterruptedException {
		long offset = entry.chunkOffset(index);
		int length = entry.chunkLength(index);
		try (FileChannel file = FileChannel.open(entry.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
			if (file.size() < offset + length) {
				sendError(ErrorCode.INTERNAL, entry.name() + " changed on disk; chunk " + index + " is gone");
				return false;
			}
			write(ByteBuffer.wrap(this.codec.chunkHeader(new ChunkHeader(index, length, entry.chunkHash(index)))));
			long sent = 0;
			while (sent < length) {
				long slice = Math.min(SLICE, length - sent);
				this.uploadRate.acquire(slice);
				this.writingSince = System.nanoTime();
				long transferred = file.transferTo(offset + sent, slice, this.socket);
				if (transferred <= 0) {
					throw new IOException(entry.name() + " shrank while chunk " + index + " was sent");
				}
				sent += transferred;
			}
			this.writingSince = 0;
		}
		catch (java.nio.file.NoSuchFileException ex) {
			sendError(ErrorCode.INTERNAL, entry.name() + " is no longer on disk");
			return false;
		}
		this.served.accept(length);
		return true;
	}

	private boolean sendError(ErrorCode code, String reason) throws IOException {
		write(ByteBuffer.wrap(this.codec.error(new ErrorFrame(code, truncate(reason)))));
		return !code.closesConnection();
	}

	private void write(ByteBuffer buffer) throws IOException {
		while (buffer.hasRemaining()) {
			this.writingSince = System.nanoTime();
			this.socket.write(buffer);
		}
		this.writingSince = 0;
	}

	/** How long the current write has made no progress, in nanoseconds; 0 when idle. */
	long stalledSince(long now) {
		long since = this.writingSince;
		return (since == 0) ? 0 : now - since;
	}

	void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			logger.debug("Closing {}", this.peer, ex);
		}
	}

	private static String truncate(String reason) {
		return (reason.length() > 150) ? reason.substring(0, 150) : reason;
	}

	private static String describe(SocketChannel socket) {
		try {
			return "peer " + socket.getRemoteAddress();
		}
		catch (IOException ex) {
			return "a peer";
		}
	}

	@Override
	public String toString() {
		return this.peer;
	}

}
