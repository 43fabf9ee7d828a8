package dev.p2pshare.agent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.agent.protocol.ErrorCode;
import dev.p2pshare.agent.protocol.ErrorFrame;
import dev.p2pshare.agent.protocol.FrameCodec;
import dev.p2pshare.dto.SharedFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile peers registered at the tracker beside an honest seed: one that claims chunks
 * it does not have, one that answers with a header promising 4 GiB. Neither makes the
 * download fail, neither gets a byte accepted, and the one promising 4 GiB is hung up on
 * at once instead of being read.
 */
class HostilePeerIT extends ImpostorScenario {

	/** The agent's default {@code peer.transfer.per-peer-in-flight}. */
	private static final int PER_PEER_IN_FLIGHT = 2;

	enum Lie {

		/** Registered the whole file; answers every request with CHUNK_NOT_HELD. */
		CLAIMS_CHUNKS_IT_LACKS,

		/** Answers every request with a CHUNK frame whose length field says 4 GiB. */
		PROMISES_FOUR_GIB

	}

	@ParameterizedTest
	@EnumSource(Lie.class)
	void aLyingPeerNeitherFailsTheDownloadNorGetsABytesAccepted(Lie lie) throws Exception {
		SharedFile file = seedFile("data.parquet", 3 * 1024 * 1024, 61);
		try (LyingPeer liar = new LyingPeer(lie)) {
			registerImpostor("liar", liar.port(), file);

			DownloadStatus done = downloadToTheEnd(file, "--peer.transfer.read-timeout=3s");

			assertThat(liar.requests()).as("the leech asked the liar").isPositive();
			if (lie == Lie.PROMISES_FOUR_GIB) {
				assertThat(liar.hungUpOn()).as("every connection promising 4 GiB is dropped, not read")
					.isEqualTo(liar.requests());
				assertThat(done.bannedSources()).as("a peer that sent a bad header is banned").isOne();
				assertThat(liar.requests()).as("and asked nothing more once banned")
					.isLessThanOrEqualTo(PER_PEER_IN_FLIGHT);
			}
			else {
				assertThat(liar.requests()).as("a chunk it lacks is asked of it once at most")
					.isLessThanOrEqualTo(done.chunkCount());
			}
		}
	}

	/** A chunk server that lies, on loopback. */
	private static final class LyingPeer implements AutoCloseable {

		private final FrameCodec codec = new FrameCodec(FrameCodec.frameLengthForChunk(1024 * 1024));

		private final Lie lie;

		private final AtomicInteger requests = new AtomicInteger();

		private final AtomicInteger hungUpOn = new AtomicInteger();

		private final LoopbackServer server;

		LyingPeer(Lie lie) throws IOException {
			this.lie = lie;
			this.server = new LoopbackServer("lying-peer", this::serve);
		}

		int port() {
			return this.server.port();
		}

		int requests() {
			return this.requests.get();
		}

		int hungUpOn() {
			return this.hungUpOn.get();
		}

		private void serve(Socket socket) throws IOException {
			InputStream in = new BufferedInputStream(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			while (true) {
				if (this.codec.readRequest(in) == null) {
					return;
				}
				this.requests.incrementAndGet();
				if (this.lie == Lie.CLAIMS_CHUNKS_IT_LACKS) {
					out.write(this.codec.error(new ErrorFrame(ErrorCode.CHUNK_NOT_HELD, "not here after all")));
					continue;
				}
				// version, a length of 4 GiB - 1, type CHUNK, then a trickle that never
				// ends
				out.write(ByteBuffer.allocate(6).put((byte) FrameCodec.VERSION).putInt(-1).put((byte) 2).array());
				out.flush();
				socket.setSoTimeout(10_000);
				if (in.read() < 0) {
					this.hungUpOn.incrementAndGet();
				}
				return;
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

}
