package dev.p2pshare.agent.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.p2pshare.agent.protocol.Sha256;
import dev.p2pshare.dto.SharedFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A download in progress: a file of the final size in {@code .p2p/partial/} that chunks
 * are written into at their offsets once verified, and beside it the resume state, the
 * file's metadata and which chunks were verified. On resume the state is only a hint:
 * every chunk it lists is read and hashed again, so a partial file truncated or scribbled
 * on while the agent was down is caught.
 */
public final class PartialFile implements Closeable {

	private static final long FLUSH_EVERY = 32 << 20;

	private final SharedFile file;

	private final Path data;

	private final Path state;

	private final JsonMapper json;

	private final FileChannel channel;

	/** The same file opened for direct writes, or {@code null}. */
	private final DirectChannel direct;

	private final BitSet verified;

	/**
	 * The whole file's SHA-256 computed apart, or {@code null} when chunks are chained.
	 */
	private final TrailingDigest wholeFile;

	/** Bytes written since the file was last flushed to the disk. */
	private final AtomicLong unflushed = new AtomicLong();

	private final ReentrantLock flushing = new ReentrantLock();

	/** Given up: its bytes and its resume state are gone for good. */
	private boolean discarded;

	private PartialFile(SharedFile file, Path data, Path state, JsonMapper json, FileChannel channel,
			DirectChannel direct, BitSet verified, DigestMemory digestMemory) {
		this.file = file;
		this.data = data;
		this.state = state;
		this.json = json;
		this.channel = channel;
		this.direct = direct;
		this.verified = verified;
		this.wholeFile = ChunkDigest.chained(file) ? null
				: new TrailingDigest(file, channel, direct, verified, digestMemory);
	}

	/**
	 * Opens the partial file of this download, resuming what an earlier run verified.
	 * @param directory {@code .p2p/partial}
	 * @param directWrites write chunks past the page cache where the file system allows
	 * it
	 * @param digestMemory the agent's memory for copies of chunks that arrived ahead of
	 * the whole file's hash, kept for it so that it need not read them back
	 */
	public static PartialFile open(Path directory, SharedFile file, JsonMapper json, boolean directWrites,
			DigestMemory digestMemory) throws IOException {
		Path data = directory.resolve(file.sha256() + ".part");
		Path state = directory.resolve(file.sha256() + ".state");
		BitSet claimed = readClaims(state, file, json);
		FileChannel channel = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
		DirectChannel direct = null;
		try {
			if (channel.size() > file.size()) {
				channel.truncate(file.size());
			}
			BitSet verified = reverify(channel, file, claimed);
			if (channel.size() < file.size()) {
				// pre-size the file (sparse where the file system allows) so chunks land
				// at their offsets
				channel.write(ByteBuffer.wrap(new byte[1]), file.size() - 1);
			}
			direct = directWrites ? DirectChannel.open(data, file.chunkSize(), file.name()) : null;
			PartialFile partial = new PartialFile(file, data, state, json, channel, direct, verified, digestMemory);
			partial.saveState();
			return partial;
		}
		catch (IOException | RuntimeException ex) {
			if (direct != null) {
				direct.close();
			}
			channel.close();
			throw ex;
		}
	}

	/** The metadata of the downloads an earlier run left unfinished in this directory. */
	public static List<SharedFile> unfinished(Path directory, JsonMapper json) throws IOException {
		List<SharedFile> files = new ArrayList<>();
		try (DirectoryStream<Path> states = Files.newDirectoryStream(directory, "*.state")) {
			for (Path state : states) {
				try {
					files.add(json.readValue(Files.readString(state, StandardCharsets.UTF_8), State.class).file());
				}
				catch (JacksonException ex) {
					Files.deleteIfExists(state);
				}
			}
		}
		return files;
	}

	public SharedFile file() {
		return this.file;
	}

	public Path path() {
		return this.data;
	}

	public synchronized BitSet verified() {
		return (BitSet) this.verified.clone();
	}

	/**
	 * Writes a verified chunk at its offset, and hashes it into the whole file's SHA-256
	 * when the chunks before it are there, unless chunks are checked against chain
	 * states.
	 * @param bytes the chunk from index 0, its position and limit left as they are; from
	 * a buffer of {@link AlignedBuffers} it goes to the disk as it is
	 * @param length the chunk's length
	 */
	public void write(int chunkIndex, ByteBuffer bytes, int length) throws IOException {
		long position = (long) chunkIndex * this.file.chunkSize();
		if (this.direct == null || !this.direct.write(position, bytes, length)) {
			ByteBuffer buffer = bytes.duplicate().limit(length).position(0);
			while (buffer.hasRemaining()) {
				position += this.channel.write(buffer, position);
			}
		}
		synchronized (this) {
			this.verified.set(chunkIndex);
		}
		if (this.wholeFile != null) {
			this.wholeFile.written(chunkIndex, bytes, length);
		}
		flushNowAndThen(length);
	}

	/**
	 * Reserves the whole file's blocks on the disk, keeping what is written, where the
	 * system allows it (see {@link Preallocation}).
	 * @return whether they are reserved
	 * @throws IOException when the disk has no room for the file
	 */
	public boolean reserveSpace() throws IOException {
		try {
			return Preallocation.reserve(this.data, this.file.size());
		}
		catch (IOException ex) {
			throw new IOException("Cannot reserve " + this.file.size() + " bytes on disk for " + this.file.name() + ": "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Flushes what was written to the disk every {@value #FLUSH_EVERY} bytes, so the
	 * flush that makes the finished file durable has little left to do and the disk
	 * writes while the network delivers.
	 */
	private void flushNowAndThen(int written) throws IOException {
		if (this.unflushed.addAndGet(written) < FLUSH_EVERY || !this.flushing.tryLock()) {
			return;
		}
		try {
			this.unflushed.set(0);
			this.channel.force(false);
		}
		finally {
			this.flushing.unlock();
		}
	}

	/**
	 * Records which chunks are verified, so a restart resumes from here; once the
	 * download was given up, nothing is recorded, so no restart resumes it.
	 */
	public void saveState() throws IOException {
		String encoded;
		synchronized (this) {
			if (this.discarded) {
				return;
			}
			encoded = Base64.getEncoder().encodeToString(this.verified.toByteArray());
		}
		Path temporary = this.state.resolveSibling(this.state.getFileName() + ".tmp");
		try {
			Files.writeString(temporary, this.json.writeValueAsString(new State(this.file, encoded)),
					StandardCharsets.UTF_8);
			Files.move(temporary, this.state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (JacksonException ex) {
			throw new IOException("Cannot write the resume state of " + this.file.name(), ex);
		}
		catch (IOException ex) {
			throw new IOException(
					"Cannot save the resume state of " + this.file.name() + ": " + DiskErrors.describe(ex), ex);
		}
	}

	/**
	 * Checks the whole file, every chunk written, against the file's SHA-256: most of it
	 * was hashed as it arrived, the rest is read back now. Called once. Chunks checked
	 * against chain states were each hashed as part of the whole file, from the state the
	 * one before ends in, and the last to the file's SHA-256: every chunk there is the
	 * check.
	 */
	public boolean matchesFileHash() throws IOException {
		if (this.wholeFile == null) {
			synchronized (this) {
				return this.verified.cardinality() == this.file.chunkHashes().size();
			}
		}
		return this.wholeFile.finish().equals(Sha256.ofHex(this.file.sha256()));
	}

	/**
	 * Puts the finished file at its place, atomically, and forgets the resume state. A
	 * file already there with the same bytes (copied in, or fetched by an earlier run) is
	 * kept.
	 * @throws FileAlreadyExistsException when a different file of that name is in the way
	 */
	public void placeAt(Path target) throws IOException {
		if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
			this.channel.force(true);
			close();
			Files.move(this.data, target, StandardCopyOption.ATOMIC_MOVE);
			Files.deleteIfExists(this.state);
		}
		else if (isThisFile(target)) {
			discard();
		}
		else {
			throw new FileAlreadyExistsException(target.toString(), null, "a different file of that name");
		}
	}

	private boolean isThisFile(Path path) throws IOException {
		return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Files.size(path) == this.file.size()
				&& sameContent(ChunkHasher.hash(path, this.file.name(), this.file.chunkSize(), (hashed) -> {
				}), this.file);
	}

	/**
	 * The same bytes in the same chunks, whether or not either side has chain states (a
	 * JVM that cannot compute them, an older agent's resume state).
	 */
	private static boolean sameContent(SharedFile one, SharedFile other) {
		return one.name().equals(other.name()) && one.size() == other.size() && one.chunkSize() == other.chunkSize()
				&& one.sha256().equalsIgnoreCase(other.sha256()) && one.chunkHashes().equals(other.chunkHashes());
	}

	/** Gives up the download and its bytes. */
	public void discard() throws IOException {
		synchronized (this) {
			this.discarded = true;
		}
		close();
		Files.deleteIfExists(this.data);
		Files.deleteIfExists(this.state);
	}

	@Override
	public void close() throws IOException {
		if (this.wholeFile != null) {
			this.wholeFile.close();
		}
		try {
			if (this.direct != null) {
				this.direct.close();
			}
		}
		finally {
			this.channel.close();
		}
	}

	/** How many chunks the whole file's hash has read back from the disk so far. */
	int chunksReadBack() {
		return (this.wholeFile != null) ? this.wholeFile.readBackCount() : 0;
	}

	/** Whether chunks are written past the page cache. */
	boolean writesDirectly() {
		return this.direct != null;
	}

	private static BitSet readClaims(Path state, SharedFile file, JsonMapper json) throws IOException {
		if (!Files.isRegularFile(state)) {
			return new BitSet();
		}
		try {
			State saved = json.readValue(Files.readString(state, StandardCharsets.UTF_8), State.class);
			if (sameContent(saved.file(), file)) {
				return BitSet.valueOf(Base64.getDecoder().decode(saved.verified()));
			}
		}
		catch (JacksonException | IllegalArgumentException ex) {
			// an unreadable state claims nothing: every chunk is fetched again
		}
		return new BitSet();
	}

	private static BitSet reverify(FileChannel channel, SharedFile file, BitSet claimed) throws IOException {
		BitSet verified = new BitSet();
		ByteBuffer buffer = ByteBuffer.allocate(file.chunkSize());
		int chunks = file.chunkHashes().size();
		for (int index = claimed.nextSetBit(0); index >= 0 && index < chunks; index = claimed.nextSetBit(index + 1)) {
			long offset = (long) index * file.chunkSize();
			int length = (int) Math.min(file.chunkSize(), file.size() - offset);
			buffer.clear().limit(length);
			while (buffer.hasRemaining()) {
				if (channel.read(buffer, offset + buffer.position()) < 0) {
					break;
				}
			}
			if (buffer.position() < length) {
				continue;
			}
			if (ChunkDigest.matches(file, index, buffer.array(), length)) {
				verified.set(index);
			}
		}
		return verified;
	}

	record State(SharedFile file, String verified) {
	}

}
