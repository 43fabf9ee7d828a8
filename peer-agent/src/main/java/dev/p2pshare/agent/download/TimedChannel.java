package dev.p2pshare.agent.download;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A TCP connection used from one thread at a time as if it blocked, with every wait
 * bounded: a channel in non-blocking mode and a selector of its own, since a blocking
 * channel's reads ignore {@code SO_TIMEOUT}. A channel, not a {@code Socket}, so that a
 * chunk is read straight into the buffer it is written to the disk from.
 */
final class TimedChannel implements Closeable {

	private final SocketChannel channel;

	private final Selector selector;

	private final SelectionKey key;

	private TimedChannel(SocketChannel channel, Selector selector, SelectionKey key) {
		this.channel = channel;
		this.selector = selector;
		this.key = key;
	}

	/**
	 * Connects within {@code timeout}.
	 * @throws SocketTimeoutException when the peer did not accept in time
	 */
	static TimedChannel connect(InetSocketAddress address, Duration timeout) throws IOException {
		SocketChannel channel = SocketChannel.open();
		Selector selector = null;
		try {
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			selector = Selector.open();
			TimedChannel timed = new TimedChannel(channel, selector, channel.register(selector, 0));
			if (!channel.connect(address)) {
				long deadline = System.nanoTime() + timeout.toNanos();
				while (!channel.finishConnect()) {
					timed.await(SelectionKey.OP_CONNECT, deadline, "connecting to " + address);
				}
			}
			return timed;
		}
		catch (IOException | RuntimeException ex) {
			if (selector != null) {
				selector.close();
			}
			channel.close();
			throw ex;
		}
	}

	/**
	 * Reads what has arrived into {@code buffer}, waiting at most {@code timeoutNanos}
	 * for the first byte.
	 * @return how many bytes were read, at least one, or -1 at the end of the stream
	 * @throws SocketTimeoutException when nothing arrived in time
	 */
	int read(ByteBuffer buffer, long timeoutNanos) throws IOException {
		int read = this.channel.read(buffer);
		if (read != 0 || !buffer.hasRemaining()) {
			return read;
		}
		long deadline = System.nanoTime() + timeoutNanos;
		while (true) {
			await(SelectionKey.OP_READ, deadline, "waiting for the peer's bytes");
			read = this.channel.read(buffer);
			if (read != 0) {
				return read;
			}
		}
	}

	/**
	 * Writes all of {@code buffer}, waiting at most {@code timeoutNanos} each time the
	 * peer takes nothing.
	 */
	void write(ByteBuffer buffer, long timeoutNanos) throws IOException {
		while (buffer.hasRemaining()) {
			if (this.channel.write(buffer) == 0) {
				await(SelectionKey.OP_WRITE, System.nanoTime() + timeoutNanos, "sending to the peer");
			}
		}
	}

	private void await(int operation, long deadline, String doing) throws IOException {
		if (this.key.interestOps() != operation) {
			this.key.interestOps(operation);
		}
		while (true) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new SocketTimeoutException("Timed out " + doing);
			}
			// select(0) would wait for ever
			int ready = this.selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
			this.selector.selectedKeys().clear();
			if (ready > 0) {
				return;
			}
			if (Thread.currentThread().isInterrupted()) {
				throw new InterruptedIOException("Interrupted while " + doing);
			}
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.selector.close();
		}
		finally {
			this.channel.close();
		}
	}

}
