package dev.p2pshare.agent.chunkserver;

import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * A socket's input with two clocks: between frames each read may wait the idle timeout;
 * once a frame has started, the whole rest of it must arrive before a deadline, so a peer
 * that trickles one byte at a time (slow-loris) is cut off too.
 */
final class DeadlineInputStream extends FilterInputStream {

	private final Socket socket;

	private final int idleMillis;

	private long deadlineNanos;

	DeadlineInputStream(Socket socket, int idleMillis) throws IOException {
		super(socket.getInputStream());
		this.socket = socket;
		this.idleMillis = idleMillis;
	}

	/** From now on the frame must be complete within this many nanoseconds. */
	void startFrame(long budgetNanos) {
		this.deadlineNanos = System.nanoTime() + budgetNanos;
	}

	/** The frame is complete; wait idly again. */
	void endFrame() {
		this.deadlineNanos = 0;
	}

	@Override
	public int read() throws IOException {
		applyTimeout();
		return super.read();
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		applyTimeout();
		return super.read(buffer, offset, length);
	}

	private void applyTimeout() throws IOException {
		if (this.deadlineNanos == 0) {
			this.socket.setSoTimeout(this.idleMillis);
			return;
		}
		long remaining = this.deadlineNanos - System.nanoTime();
		if (remaining <= 0) {
			throw new SocketTimeoutException("The frame did not arrive whole in time");
		}
		this.socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
	}

}
