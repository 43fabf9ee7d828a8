package dev.p2pshare.agent.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

import dev.p2pshare.agent.protocol.ErrorCode;
import dev.p2pshare.agent.protocol.ProtocolException;
import dev.p2pshare.agent.storage.ChunkDigest;
import dev.p2pshare.agent.storage.DiskErrors;
import dev.p2pshare.agent.storage.PartialFile;
import dev.p2pshare.agent.storage.SharedEntry;
import dev.p2pshare.dto.SharedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker thread does with a stream of chunks from one peer on one connection:
 * fetch a chunk, check it against the tracker's hash, write it at its offset and offer it
 * to other peers at once; while a chunk of a chained file arrives, ask for the next one
 * on the same connection ({@link Claims}), so that the peer sends it without a round trip
 * between. A peer's failure is the scheduler's to weigh, never the download's.
 */
final class ChunkWorker {

	private static final Logger logger = LoggerFactory.getLogger(ChunkWorker.class);

	private final DownloadContext context;

	private final SharedFile file;

	private final PartialFile partial;

	private final SharedEntry entry;

	private final ChunkScheduler scheduler;

	private final ConnectionPool connections;

	private final DownloadProgress progress;

	/** Whether chunks are checked against the file's chain states, in one pass. */
	private final boolean chained;

	private final Claims claims;

	/**
	 * @param claims asked, for a file whose chunks are chained, for the next chunk while
	 * one arrives, and told when none came of it, before the chunk is written: the next
	 * request need not wait for the disk. Not for a file hashed apart, whose whole-file
	 * hash would fall behind the arrivals and read chunks back from the disk
	 * (bench/README.md)
	 */
	ChunkWorker(DownloadContext context, PartialFile partial, SharedEntry entry, ChunkScheduler scheduler,
			ConnectionPool connections, DownloadProgress progress, Claims claims) {
		this.context = context;
		this.file = partial.file();
		this.partial = partial;
		this.entry = entry;
		this.scheduler = scheduler;
		this.connections = connections;
		this.progress = progress;
		this.chained = ChunkDigest.chained(this.file);
		this.claims = claims;
	}

	/**
	 * Starts a stream with its first chunk on an idle connection to its source, or a new
	 * one, and receives it.
	 * @return the error that ends the whole download (the disk refused a chunk), or
	 * {@code null}
	 */
	IOException fetch(Claim first) {
		Stream stream = new Stream(first);
		try {
			stream.connection = this.connections.borrow(stream.source);
			stream.connection.ask(this.entry, first.assignment());
		}
		catch (IOException ex) {
			failed(first.assignment(), ex);
			stream.end(false);
			return null;
		}
		return receive(stream);
	}

	/**
	 * Receives the stream's current chunk and verifies it. When the next one was asked
	 * for behind it, another worker thread receives that one while this one writes the
	 * chunk to the disk: the connection never waits for the disk.
	 */
	private IOException receive(Stream stream) {
		Claim current = stream.current;
		Assignment assignment = current.assignment();
		int index;
		try {
			index = stream.connection.receive(this.entry, assignment, current.buffer(), this.context.downloadRate(),
					this.chained ? stream::askNext : null);
		}
		catch (InconsistentMetadataException ex) {
			stream.end(false);
			return ex;
		}
		catch (BadChunkException | ProtocolException ex) {
			// wrong bytes, or frames no honest chunk server sends (a header promising
			// more than a frame may hold): banned at once, not after some failures
			this.context.chunksRejected().increment();
			this.scheduler.badData(assignment, System.nanoTime());
			logger.warn("Rejected chunk {} of {} and banned {}: {}", assignment.chunkIndex(), this.file.name(),
					assignment.source(), ex.getMessage());
			stream.end(false);
			return null;
		}
		catch (RefusedException ex) {
			refused(assignment, ex);
			stream.end(!ex.error().code().closesConnection());
			return null;
		}
		catch (IOException | RuntimeException ex) {
			failed(assignment, ex);
			stream.end(false);
			return null;
		}
		catch (InterruptedException ex) {
			this.scheduler.failed(assignment, System.nanoTime());
			stream.end(false);
			Thread.currentThread().interrupt();
			return null;
		}
		boolean fresh = this.scheduler.completed(assignment, index);
		stream.current = null;
		if (stream.queued != null) {
			passOn(stream);
		}
		else {
			stream.end(true);
			if (this.chained) {
				this.claims.slotFreed();
			}
		}
		logger.trace("Fetched chunk {} of {} from {}: {}{}{}", index, this.file.name(), assignment.source().peerId(),
				fresh ? "new" : "a twin was faster", assignment.duplicate() ? ", end game" : "",
				(index != assignment.chunkIndex()) ? ", sent for " + assignment.chunkIndex() : "");
		try {
			return fresh ? store(index, current.buffer(), assignment.source()) : null;
		}
		finally {
			this.claims.give(current.buffer());
		}
	}

	private void passOn(Stream stream) {
		stream.current = stream.queued;
		stream.queued = null;
		try {
			this.claims.carryOn(() -> receive(stream));
		}
		catch (RuntimeException ex) {
			this.scheduler.abandoned(stream.current.assignment());
			stream.end(false);
		}
	}

	/**
	 * Writes a verified chunk at its offset and offers it to other peers.
	 * @return the error that ends the whole download, or {@code null}
	 */
	private IOException store(int index, ByteBuffer buffer, Source source) {
		int length = this.entry.chunkLength(index);
		try {
			this.partial.write(index, buffer, length);
		}
		catch (IOException ex) {
			return new IOException("Cannot write " + this.file.name() + " to disk: " + DiskErrors.describe(ex), ex);
		}
		this.scheduler.stored(index);
		this.entry.hold(index);
		this.context.sync().chunkVerified(this.file.name(), index);
		this.progress.chunkArrived(source.peerId(), length);
		this.context.bytesDown().increment(length);
		this.context.chunksVerified().increment();
		if (this.chained) {
			this.context.chunksChained().increment();
		}
		return null;
	}

	private void refused(Assignment assignment, RefusedException ex) {
		ErrorCode code = ex.error().code();
		if (code == ErrorCode.MALFORMED && assignment.spread()) {
			this.scheduler.spreadRefused(assignment);
		}
		else if (code == ErrorCode.CHUNK_NOT_HELD || code == ErrorCode.UNKNOWN_FILE
				|| code == ErrorCode.CHUNK_OUT_OF_RANGE) {
			this.scheduler.notHeld(assignment);
		}
		else {
			this.scheduler.failed(assignment, System.nanoTime());
		}
		logger.debug("{} refused chunk {} of {}: {}", assignment.source(), assignment.chunkIndex(), this.file.name(),
				ex.getMessage());
	}

	private void failed(Assignment assignment, Exception ex) {
		this.scheduler.failed(assignment, System.nanoTime());
		logger.debug("Fetching chunk {} of {} from {} failed: {}", assignment.chunkIndex(), this.file.name(),
				assignment.source(), ex.toString());
	}

	/** A chunk to fetch and the buffer it goes into. */
	record Claim(Assignment assignment, ByteBuffer buffer) {

	}

	/** What a stream needs from its download. */
	interface Claims {

		/**
		 * The next chunk for a stream from {@code source} and its buffer, or {@code null}
		 * when the download has none for it now (a chunk for another source goes to a new
		 * stream of its own).
		 */
		Claim next(Source source);

		/** Runs the rest of a stream on another worker thread. */
		void carryOn(Supplier<IOException> rest);

		/**
		 * A chunk arrived and none was asked for behind it: its place in flight is free.
		 */
		void slotFreed();

		/** Gives back a buffer no chunk is fetched into. */
		void give(ByteBuffer buffer);

	}

	/**
	 * Chunks from one source on one connection: the one arriving and the one asked for
	 * behind it.
	 */
	private final class Stream {

		private final Source source;

		private PeerConnection connection;

		private Claim current;

		private Claim queued;

		Stream(Claim first) {
			this.source = first.assignment().source();
			this.current = first;
		}

		void askNext() throws IOException {
			Claim next = ChunkWorker.this.claims.next(this.source);
			if (next != null) {
				this.queued = next;
				this.connection.ask(ChunkWorker.this.entry, next.assignment());
			}
		}

		/**
		 * Ends the stream: gives back the connection when it may carry the next request,
		 * and the buffers of chunks not received; a chunk asked for behind a failed one
		 * is dropped.
		 */
		void end(boolean connectionUsable) {
			if (this.connection != null) {
				if (connectionUsable && this.queued == null) {
					ChunkWorker.this.connections.release(this.connection);
				}
				else {
					this.connection.close();
				}
			}
			if (this.current != null) {
				ChunkWorker.this.claims.give(this.current.buffer());
			}
			if (this.queued != null) {
				ChunkWorker.this.scheduler.abandoned(this.queued.assignment());
				ChunkWorker.this.claims.give(this.queued.buffer());
			}
			ChunkWorker.this.scheduler.streamEnded(this.source);
		}

	}

}
