package dev.p2pshare.agent.download;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.p2pshare.agent.protocol.ChunkHeader;
import dev.p2pshare.agent.protocol.ChunkMessage;
import dev.p2pshare.agent.protocol.ChunkRequest;
import dev.p2pshare.agent.protocol.ErrorMessage;
import dev.p2pshare.agent.protocol.FrameCodec;
import dev.p2pshare.agent.protocol.RateLimiter;
import dev.p2pshare.agent.protocol.ServerMessage;
import dev.p2pshare.agent.protocol.Sha256;
import dev.p2pshare.agent.storage.ChunkDigest;
import dev.p2pshare.agent.storage.ChunkHasher;
import dev.p2pshare.agent.storage.SharedEntry;

/**
 * One TCP connection to a peer's chunk server, reused for many requests in a row. Every
 * read, and all the reads of one chunk together, wait at most the read timeout; a chunk
 * is accepted only when its length is the one the tracker's metadata gives and its bytes
 * hash to the tracker's digest.
 */
final class PeerConnection implements Closeable {

	private static final int SLICE = 64 * 1024;

	private final Source source;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final FrameCodec codec;

	private final long chunkDeadlineNanos;

	private PeerConnection(Source source, Socket socket, FrameCodec codec, Duration readTimeout) throws IOException {
		this.source = source;
		this.socket = socket;
		this.chunkDeadlineNanos = readTimeout.toNanos();
		this.in = new BufferedInputStream(socket.getInputStream(), SLICE);
		this.out = new BufferedOutputStream(socket.getOutputStream(), 64);
		this.codec = codec;
	}

	static PeerConnection open(Source source, Duration connectTimeout, Duration readTimeout, FrameCodec codec)
			throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(source.host(), source.port()), (int) connectTimeout.toMillis());
			socket.setSoTimeout((int) readTimeout.toMillis());
			socket.setTcpNoDelay(true);
			return new PeerConnection(source, socket, codec, readTimeout);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	Source source() {
		return this.source;
	}

	/**
	 * Fetches one chunk into {@code buffer}.
	 * @param file the file, with the tracker's metadata of every chunk
	 * @param chunkIndex the chunk
	 * @param spread whether a seed may answer with a chunk it has sent no one yet
	 * @param buffer at least one chunk long
	 * @param downloadRate the agent's download limit
	 * @return the chunk that arrived: {@code chunkIndex}, or another one when
	 * {@code spread}
	 * @throws RefusedException when the peer answered with an error
	 * @throws BadChunkException when the peer sent bytes that are not the chunk
	 * @throws IOException when the connection failed or timed out
	 */
	int fetch(SharedEntry file, int chunkIndex, boolean spread, byte[] buffer, RateLimiter downloadRate)
			throws IOException, InterruptedException {
		this.codec.writeRequest(this.out, new ChunkRequest(file.hash(), chunkIndex, spread));
		ServerMessage answer = this.codec.readResponse(this.in);
		if (answer instanceof ErrorMessage error) {
			throw new RefusedException(error.error());
		}
		ChunkHeader header = ((ChunkMessage) answer).header();
		int chunk = header.chunkIndex();
		boolean expected = chunk == chunkIndex || (spread && chunk < file.chunkCount());
		if (!expected || header.length() != file.chunkLength(chunk)) {
			throw new BadChunkException(this.source + " answered chunk " + chunkIndex + " with chunk " + chunk + " of "
					+ header.length() + " bytes; expected " + file.chunkLength(chunkIndex));
		}
		receive(file, chunk, header.length(), buffer, downloadRate);
		return chunk;
	}

	private void receive(SharedEntry file, int chunkIndex, int expectedLength, byte[] buffer, RateLimiter downloadRate)
			throws IOException, InterruptedException {
		ChunkDigest digest = ChunkDigest.of(file.file(), chunkIndex);
		int received = 0;
		long reading = 0;
		while (received < expectedLength) {
			int want = Math.min(SLICE, expectedLength - received);
			downloadRate.acquire(want);
			long started = System.nanoTime();
			int read = this.in.read(buffer, received, want);
			// a peer trickling a byte at a time never trips the read timeout,
			// so the whole chunk gets that long (our own rate limit aside)
			reading += System.nanoTime() - started;
			if (reading > this.chunkDeadlineNanos && read >= 0 && received + read < expectedLength) {
				throw new SocketTimeoutException(
						this.source + " sent " + (received + read) + " of " + expectedLength + " bytes of chunk "
								+ chunkIndex + " in " + TimeUnit.NANOSECONDS.toMillis(reading) + " ms; too slow");
			}
			if (read < 0) {
				throw new EOFException(this.source + " closed the connection after " + received + " of "
						+ expectedLength + " bytes of chunk " + chunkIndex);
			}
			digest.update(buffer, received, read);
			received += read;
		}
		if (!digest.matches()) {
			// hashed a second time only when wrong: the peer's bytes, or the chain
			// states?
			Sha256 expectedHash = file.chunkHash(chunkIndex);
			MessageDigest own = ChunkHasher.sha256();
			own.update(buffer, 0, expectedLength);
			Sha256 actual = new Sha256(own.digest());
			if (digest.isChained() && actual.equals(expectedHash)) {
				throw new InconsistentMetadataException(file.name(), "chunk " + chunkIndex
						+ " matches its chunk hash but not the chain states the tracker published");
			}
			throw new BadChunkException(this.source + " sent chunk " + chunkIndex + " with SHA-256 " + actual
					+ "; the tracker published " + expectedHash);
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing a connection we give up on: nothing to tell anyone
		}
	}

}
