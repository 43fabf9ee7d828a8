package dev.p2pshare.agent.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.p2pshare.agent.download.ChunkWorker.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The next chunks of a download's streams, claimed on their worker threads while the
 * coordinator waits: a buffer and the scheduler's pick, which continues the stream when
 * it goes to the stream's peer and starts a stream of its own at once when it goes to
 * another.
 */
final class StreamClaims implements ChunkWorker.Claims {

	private static final Logger logger = LoggerFactory.getLogger(StreamClaims.class);

	private final ChunkBuffers buffers;

	private final int chunkSize;

	private final ChunkScheduler scheduler;

	private final Consumer<Claim> launch;

	private final Consumer<Supplier<IOException>> execute;

	private final Runnable slotFreed;

	private volatile boolean closed;

	/**
	 * @param launch starts a stream with its first chunk on a worker thread
	 * @param execute runs a task on a worker thread
	 * @param slotFreed wakes the coordinator
	 */
	StreamClaims(ChunkBuffers buffers, int chunkSize, ChunkScheduler scheduler, Consumer<Claim> launch,
			Consumer<Supplier<IOException>> execute, Runnable slotFreed) {
		this.buffers = buffers;
		this.chunkSize = chunkSize;
		this.scheduler = scheduler;
		this.launch = launch;
		this.execute = execute;
		this.slotFreed = slotFreed;
	}

	/**
	 * Claims nothing more: the download is stopping or has ended, and its streams end
	 * with the chunks they asked for.
	 */
	void close() {
		this.closed = true;
	}

	@Override
	public Claim next(Source source) {
		if (this.closed) {
			return null;
		}
		ByteBuffer buffer;
		try {
			buffer = this.buffers.tryTake(this.chunkSize);
		}
		catch (IOException ex) {
			// no memory even for one: the coordinator finds out and ends the download
			return null;
		}
		if (buffer == null) {
			return null;
		}
		Optional<Assignment> assignment = this.scheduler.next(System.nanoTime(), source);
		if (assignment.isEmpty()) {
			give(buffer);
			return null;
		}
		Claim claim = new Claim(assignment.get(), buffer);
		// by peer, as the scheduler counts streams: asked on this connection even if
		// the tracker has named a new address for it since
		if (assignment.get().source().peerId().equals(source.peerId())) {
			return claim;
		}
		try {
			this.launch.accept(claim);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not start a stream from {}: {}", assignment.get().source(), ex.toString());
		}
		return null;
	}

	@Override
	public void carryOn(Supplier<IOException> rest) {
		this.execute.accept(rest);
	}

	@Override
	public void slotFreed() {
		this.slotFreed.run();
	}

	@Override
	public void give(ByteBuffer buffer) {
		this.buffers.give(buffer);
	}

}
