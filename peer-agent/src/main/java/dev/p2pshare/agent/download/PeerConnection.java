package dev.p2pshare.agent.download;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
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
 * One TCP connection to a peer's chunk server, reused for many requests in a row, the
 * next one sent before the current chunk is verified. Every wait for the peer, and all
 * the reads of one chunk together, take at most the read timeout; a chunk is accepted
 * only when its length is the one the tracker's metadata gives and its bytes hash to the
 * tracker's digest. A chunk's bytes go from the socket straight into the buffer that is
 * hashed and written to the disk.
 */
final class PeerConnection implements Closeable {

	private static final int SLICE = 64 * 1024;

	/** Bytes hashed at a time, copied out of the chunk's buffer. */
	private static final int HASH_SLICE = 8 * 1024;

	private final Source source;

	private final TimedChannel channel;

	/**
	 * What arrived of an answer before its chunk bytes: filled at most a CHUNK frame's
	 * start at a time, so the chunk itself is read into its own buffer.
	 */
	private final ByteBuffer inbox = ByteBuffer.allocate(FrameCodec.CHUNK_FRAME_START).flip();

	private final InputStream answerStart = new InboxStream();

	private final byte[] scratch = new byte[HASH_SLICE];

	private final FrameCodec codec;

	private final long readTimeoutNanos;

	private final long askAheadNanos;

	private PeerConnection(Source source, TimedChannel channel, FrameCodec codec, Duration readTimeout,
			Duration askAhead) {
		this.source = source;
		this.channel = channel;
		this.readTimeoutNanos = readTimeout.toNanos();
		this.askAheadNanos = askAhead.toNanos();
		this.codec = codec;
	}

	static PeerConnection open(Source source, Duration connectTimeout, Duration readTimeout, Duration askAhead,
			FrameCodec codec) throws IOException {
		TimedChannel channel = TimedChannel.connect(new InetSocketAddress(source.host(), source.port()),
				connectTimeout);
		return new PeerConnection(source, channel, codec, readTimeout, askAhead);
	}

	Source source() {
		return this.source;
	}

	/**
	 * Sends the request for a chunk. Its answer is read by {@link #receive}, after the
	 * answers to the requests sent before it: the peer answers one after another.
	 * @param file the file
	 * @param assignment the chunk, and whether a seed may answer with a chunk it has sent
	 * no one yet
	 */
	void ask(SharedEntry file, Assignment assignment) throws IOException {
		ChunkRequest request = new ChunkRequest(file.hash(), assignment.chunkIndex(), assignment.spread());
		this.channel.write(ByteBuffer.wrap(this.codec.request(request)), this.readTimeoutNanos);
	}

	/**
	 * Reads the answer to the oldest request not answered yet, {@code asked}, into
	 * {@code buffer}.
	 * @param file the file, with the tracker's metadata of every chunk
	 * @param asked what that request asked for
	 * @param buffer at least one chunk long; the chunk is put at its start
	 * @param downloadRate the agent's download limit
	 * @param ahead told once while the chunk's bytes arrive, when at the rate they come
	 * the last is {@code askAhead} away (at the latest with the last): the moment to ask
	 * for the next chunk, so that its bytes follow this one's without a round trip; or
	 * {@code null}
	 * @return the chunk that arrived: the one asked, or another one when the request let
	 * the peer choose
	 * @throws RefusedException when the peer answered with an error
	 * @throws BadChunkException when the peer sent bytes that are not the chunk
	 * @throws IOException when the connection failed or timed out, or {@code ahead} did
	 */
	int receive(SharedEntry file, Assignment asked, ByteBuffer buffer, RateLimiter downloadRate, Ahead ahead)
			throws IOException, InterruptedException {
		int chunkIndex = asked.chunkIndex();
		ServerMessage answer = this.codec.readResponse(this.answerStart);
		if (answer instanceof ErrorMessage error) {
			throw new RefusedException(error.error());
		}
		ChunkHeader header = ((ChunkMessage) answer).header();
		int chunk = header.chunkIndex();
		boolean expected = chunk == chunkIndex || (asked.spread() && chunk < file.chunkCount());
		if (!expected || header.length() != file.chunkLength(chunk)) {
			throw new BadChunkException(this.source + " answered chunk " + chunkIndex + " with chunk " + chunk + " of "
					+ header.length() + " bytes; expected " + file.chunkLength(chunkIndex));
		}
		receive(file, chunk, header.length(), buffer, downloadRate, ahead);
		return chunk;
	}

	private void receive(SharedEntry file, int chunkIndex, int expectedLength, ByteBuffer buffer,
			RateLimiter downloadRate, Ahead ahead) throws IOException, InterruptedException {
		ChunkDigest digest = ChunkDigest.of(file.file(), chunkIndex);
		buffer.clear().limit(expectedLength);
		// what came with the header; none when the peer keeps to the protocol
		int early = Math.min(this.inbox.remaining(), expectedLength);
		buffer.put(0, this.inbox, this.inbox.position(), early).position(early);
		this.inbox.position(this.inbox.position() + early);
		digest.update(buffer, 0, early, this.scratch);
		long reading = 0;
		Ahead notYet = ahead;
		while (buffer.hasRemaining()) {
			reading = receiveSlice(chunkIndex, expectedLength, buffer, digest, downloadRate, reading);
			// what is left, at the rate so far, against the lead: in doubles, since
			// bytes times nanoseconds overflow a long
			if (notYet != null && (double) (expectedLength - buffer.position()) * reading <= (double) this.askAheadNanos
					* buffer.position()) {
				notYet.ask();
				notYet = null;
			}
		}
		if (!digest.matches()) {
			// hashed a second time only when wrong: the peer's bytes, or the chain
			// states?
			Sha256 expectedHash = file.chunkHash(chunkIndex);
			MessageDigest own = ChunkHasher.sha256();
			own.update(buffer.flip());
			Sha256 actual = new Sha256(own.digest());
			if (digest.isChained() && actual.equals(expectedHash)) {
				throw new InconsistentMetadataException(file.name(), "chunk " + chunkIndex
						+ " matches its chunk hash but not the chain states the tracker published");
			}
			throw new BadChunkException(this.source + " sent chunk " + chunkIndex + " with SHA-256 " + actual
					+ "; the tracker published " + expectedHash);
		}
	}

	/**
	 * Reads and hashes the next slice of a chunk. A method of its own, counted once per
	 * slice, so that the JIT compiles it early in a download, and not, inlined into
	 * {@link #receive}, thousands of chunks later while a transfer runs.
	 * @param reading the nanoseconds spent reading the chunk so far
	 * @return that, with this slice's
	 */
	private long receiveSlice(int chunkIndex, int expectedLength, ByteBuffer buffer, ChunkDigest digest,
			RateLimiter downloadRate, long reading) throws IOException, InterruptedException {
		int from = buffer.position();
		int want = Math.min(SLICE, expectedLength - from);
		downloadRate.acquire(want);
		buffer.limit(from + want);
		long started = System.nanoTime();
		// a peer trickling a byte at a time never trips the read timeout,
		// so the whole chunk gets that long (our own rate limit aside)
		long left = this.readTimeoutNanos - reading;
		int read;
		try {
			read = (left > 0) ? this.channel.read(buffer, left) : 0;
		}
		catch (SocketTimeoutException ex) {
			read = 0;
		}
		long spent = reading + System.nanoTime() - started;
		if (read == 0) {
			throw new SocketTimeoutException(
					this.source + " sent " + from + " of " + expectedLength + " bytes of chunk " + chunkIndex + " in "
							+ TimeUnit.NANOSECONDS.toMillis(spent) + " ms; too slow");
		}
		if (read < 0) {
			throw new EOFException(this.source + " closed the connection after " + from + " of " + expectedLength
					+ " bytes of chunk " + chunkIndex);
		}
		// hashed while the bytes the kernel just copied are in the cache
		digest.update(buffer, from, read, this.scratch);
		buffer.limit(expectedLength);
		return spent;
	}

	/**
	 * The answer's header, read from the inbox, which takes no more from the socket than
	 * a CHUNK frame's start; an ERROR frame's reason takes more fills.
	 */
	private final class InboxStream extends InputStream {

		@Override
		public int read() throws IOException {
			return fill() ? Byte.toUnsignedInt(PeerConnection.this.inbox.get()) : -1;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			if (!fill()) {
				return -1;
			}
			int taken = Math.min(length, PeerConnection.this.inbox.remaining());
			PeerConnection.this.inbox.get(bytes, offset, taken);
			return taken;
		}

		/** Whether a byte is there to take, waiting for one if needed. */
		private boolean fill() throws IOException {
			ByteBuffer inbox = PeerConnection.this.inbox;
			if (inbox.hasRemaining()) {
				return true;
			}
			inbox.clear();
			int read = PeerConnection.this.channel.read(inbox, PeerConnection.this.readTimeoutNanos);
			inbox.flip();
			return read > 0;
		}

	}

	/** Asks for the next chunk on the connection while the current one arrives. */
	@FunctionalInterface
	interface Ahead {

		void ask() throws IOException;

	}

	@Override
	public void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// closing a connection we give up on: nothing to tell anyone
		}
	}

}
