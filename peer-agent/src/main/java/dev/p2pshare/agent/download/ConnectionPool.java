package dev.p2pshare.agent.download;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import dev.p2pshare.agent.protocol.FrameCodec;
import dev.p2pshare.agent.protocol.RateLimiter;
import dev.p2pshare.agent.storage.SharedEntry;

/** Idle connections per peer, so one connection carries many requests in a row. */
final class ConnectionPool implements Closeable {

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final FrameCodec codec;

	private final Map<String, Deque<PeerConnection>> idle = new HashMap<>();

	private boolean closed;

	ConnectionPool(Duration connectTimeout, Duration readTimeout, FrameCodec codec) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.codec = codec;
	}

	/**
	 * Fetches one verified chunk on a pooled connection (a new one when none is idle) and
	 * gives the connection back when it can carry the next request.
	 * @see PeerConnection#fetch
	 */
	int fetch(Source source, SharedEntry file, int chunkIndex, boolean spread, ByteBuffer buffer,
			RateLimiter downloadRate) throws IOException, InterruptedException {
		PeerConnection connection = borrow(source);
		try {
			int chunk = connection.fetch(file, chunkIndex, spread, buffer, downloadRate);
			release(connection);
			return chunk;
		}
		catch (RefusedException ex) {
			if (ex.error().code().closesConnection()) {
				connection.close();
			}
			else {
				release(connection);
			}
			throw ex;
		}
		catch (IOException | RuntimeException | InterruptedException ex) {
			connection.close();
			throw ex;
		}
	}

	private PeerConnection borrow(Source source) throws IOException {
		synchronized (this) {
			Deque<PeerConnection> connections = this.idle.get(key(source));
			PeerConnection connection = (connections != null) ? connections.pollFirst() : null;
			if (connection != null) {
				return connection;
			}
		}
		return PeerConnection.open(source, this.connectTimeout, this.readTimeout, this.codec);
	}

	private void release(PeerConnection connection) {
		synchronized (this) {
			if (!this.closed) {
				this.idle.computeIfAbsent(key(connection.source()), (key) -> new ArrayDeque<>()).addFirst(connection);
				return;
			}
		}
		connection.close();
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		this.idle.values().forEach((connections) -> connections.forEach(PeerConnection::close));
		this.idle.clear();
	}

	private static String key(Source source) {
		return source.peerId() + "@" + source.host() + ":" + source.port();
	}

}
