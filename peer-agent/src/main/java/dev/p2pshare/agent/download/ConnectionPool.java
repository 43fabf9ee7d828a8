package dev.p2pshare.agent.download;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import dev.p2pshare.agent.protocol.FrameCodec;

/** Idle connections per peer, so one connection carries many requests in a row. */
final class ConnectionPool implements Closeable {

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final Duration askAhead;

	private final FrameCodec codec;

	private final Map<String, Deque<PeerConnection>> idle = new HashMap<>();

	private boolean closed;

	ConnectionPool(Duration connectTimeout, Duration readTimeout, Duration askAhead, FrameCodec codec) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.askAhead = askAhead;
		this.codec = codec;
	}

	/** An idle connection to the source, or a new one when none is idle. */
	PeerConnection borrow(Source source) throws IOException {
		synchronized (this) {
			Deque<PeerConnection> connections = this.idle.get(key(source));
			PeerConnection connection = (connections != null) ? connections.pollFirst() : null;
			if (connection != null) {
				return connection;
			}
		}
		return PeerConnection.open(source, this.connectTimeout, this.readTimeout, this.askAhead, this.codec);
	}

	/** Gives back a connection that owes no answer, to carry the next request. */
	void release(PeerConnection connection) {
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
