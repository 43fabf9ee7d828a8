package dev.p2pshare.agent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import dev.p2pshare.agent.protocol.ChunkHeader;
import dev.p2pshare.agent.protocol.ChunkRequest;
import dev.p2pshare.agent.protocol.ErrorCode;
import dev.p2pshare.agent.protocol.ErrorFrame;
import dev.p2pshare.agent.protocol.FrameCodec;
import dev.p2pshare.agent.protocol.Sha256;
import dev.p2pshare.dto.SharedFile;

/**
 * A chunk server as agents were before SPREAD_REQUEST, on loopback: it serves the bytes
 * given, in the chunks of the file given, and answers a spread request with MALFORMED.
 */
final class OlderAgent implements AutoCloseable {

	private final FrameCodec codec;

	private final byte[] content;

	private final SharedFile file;

	private final AtomicInteger spreadRequests = new AtomicInteger();

	private final AtomicInteger chunksSent = new AtomicInteger();

	private final LoopbackServer server;

	OlderAgent(byte[] content, SharedFile file) throws IOException {
		this.codec = new FrameCodec(FrameCodec.frameLengthForChunk(file.chunkSize()));
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
			int offset = request.chunkIndex() * this.file.chunkSize();
			int length = Math.min(this.file.chunkSize(), this.content.length - offset);
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
