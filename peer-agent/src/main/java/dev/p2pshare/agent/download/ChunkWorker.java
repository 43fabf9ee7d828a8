package dev.p2pshare.agent.download;

import java.io.IOException;
import java.nio.ByteBuffer;

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
 * What a worker thread does with one chunk of a {@link Download}: fetch it from the
 * assigned peer, check it against the tracker's hash, write it at its offset and offer it
 * to other peers at once; a peer's failure is the scheduler's to weigh, never the
 * download's.
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

	private final Runnable slotFreed;

	/**
	 * @param slotFreed told, for a file whose chunks are chained, when a chunk has
	 * arrived and its place in flight is free, before the chunk is written: the next
	 * request need not wait for the disk. Not for a file hashed apart, whose whole-file
	 * hash would fall behind the arrivals and read chunks back from the disk
	 * (bench/README.md)
	 */
	ChunkWorker(DownloadContext context, PartialFile partial, SharedEntry entry, ChunkScheduler scheduler,
			ConnectionPool connections, DownloadProgress progress, Runnable slotFreed) {
		this.context = context;
		this.file = partial.file();
		this.partial = partial;
		this.entry = entry;
		this.scheduler = scheduler;
		this.connections = connections;
		this.progress = progress;
		this.chained = ChunkDigest.chained(this.file);
		this.slotFreed = slotFreed;
	}

	/**
	 * Fetches, verifies and stores one chunk into the buffer given.
	 * @return the error that ends the whole download (the disk refused the chunk), or
	 * {@code null}
	 */
	IOException fetch(Assignment assignment, ByteBuffer buffer) {
		int asked = assignment.chunkIndex();
		try {
			int index = this.connections.fetch(assignment.source(), this.entry, asked, assignment.spread(), buffer,
					this.context.downloadRate());
			int length = this.entry.chunkLength(index);
			boolean fresh = this.scheduler.completed(assignment, index);
			if (this.chained) {
				this.slotFreed.run();
			}
			logger.trace("Fetched chunk {} of {} from {}: {}{}{}", index, this.file.name(),
					assignment.source().peerId(), fresh ? "new" : "a twin was faster",
					assignment.duplicate() ? ", end game" : "", (index != asked) ? ", sent for " + asked : "");
			if (fresh) {
				try {
					this.partial.write(index, buffer, length);
				}
				catch (IOException ex) {
					return new IOException("Cannot write " + this.file.name() + " to disk: " + DiskErrors.describe(ex),
							ex);
				}
				this.scheduler.stored(index);
				this.entry.hold(index);
				this.context.sync().chunkVerified(this.file.name(), index);
				this.progress.chunkArrived(assignment.source().peerId(), length);
				this.context.bytesDown().increment(length);
				this.context.chunksVerified().increment();
				if (this.chained) {
					this.context.chunksChained().increment();
				}
			}
		}
		catch (InconsistentMetadataException ex) {
			return ex;
		}
		catch (BadChunkException | ProtocolException ex) {
			// wrong bytes, or frames no honest chunk server sends (a header promising
			// more than a frame may hold): banned at once, not after some failures
			this.context.chunksRejected().increment();
			this.scheduler.badData(assignment, System.nanoTime());
			logger.warn("Rejected chunk {} of {} and banned {}: {}", asked, this.file.name(), assignment.source(),
					ex.getMessage());
		}
		catch (RefusedException ex) {
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
			logger.debug("{} refused chunk {} of {}: {}", assignment.source(), asked, this.file.name(),
					ex.getMessage());
		}
		catch (IOException | RuntimeException ex) {
			this.scheduler.failed(assignment, System.nanoTime());
			logger.debug("Fetching chunk {} of {} from {} failed: {}", asked, this.file.name(), assignment.source(),
					ex.toString());
		}
		catch (InterruptedException ex) {
			this.scheduler.failed(assignment, System.nanoTime());
			Thread.currentThread().interrupt();
		}
		return null;
	}

}
