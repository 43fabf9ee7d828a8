package dev.p2pshare.agent.chunkserver;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.p2pshare.agent.config.PeerProperties;
import dev.p2pshare.agent.protocol.ErrorCode;
import dev.p2pshare.agent.protocol.ErrorFrame;
import dev.p2pshare.agent.protocol.FrameCodec;
import dev.p2pshare.agent.protocol.RateLimiter;
import dev.p2pshare.agent.storage.Library;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Serves chunks of the files in the {@link Library} over TCP: one thread per connection,
 * at most {@code peer.server.max-concurrent-uploads} connections, the excess answered
 * BUSY. Port 0 binds a free port; {@link #port()} tells which.
 */
@Component
public class ChunkServer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ChunkServer.class);

	private final PeerProperties.Server limits;

	private final int requestedPort;

	private final Library library;

	private final FrameCodec codec;

	private final RateLimiter uploadRate;

	private final Counter bytesUp;

	private final Counter chunksServed;

	private final Set<ChunkConnection> connections = ConcurrentHashMap.newKeySet();

	private final Semaphore slots;

	private volatile ServerSocketChannel server;

	private volatile ExecutorService workers;

	private volatile ScheduledExecutorService watchdog;

	private volatile boolean running;

	public ChunkServer(PeerProperties properties, Library library, MeterRegistry meters) {
		this.limits = properties.server();
		this.requestedPort = properties.tcpPort();
		this.library = library;
		this.codec = new FrameCodec(this.limits.maxFrame().toBytes());
		this.uploadRate = RateLimiter.of(this.limits.uploadRate().toBytes());
		this.slots = new Semaphore(this.limits.maxConcurrentUploads());
		this.bytesUp = Counter.builder("agent.bytes.up").description("Chunk bytes sent to peers").register(meters);
		this.chunksServed = Counter.builder("agent.chunks.served").description("Chunks sent to peers").register(meters);
		Gauge.builder("agent.transfers.active", this.connections, Set::size)
			.tag("direction", "up")
			.description("Peer connections being served")
			.register(meters);
	}

	@Override
	public void start() {
		try {
			ServerSocketChannel channel = ServerSocketChannel.open();
			try {
				channel.bind(new InetSocketAddress(this.requestedPort), 128);
			}
			catch (IOException ex) {
				channel.close();
				throw ex;
			}
			this.server = channel;
		}
		catch (BindException ex) {
			throw new ChunkPortInUseException(this.requestedPort, ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen on TCP port " + this.requestedPort, ex);
		}
		this.workers = Executors.newFixedThreadPool(this.limits.maxConcurrentUploads(), (task) -> {
			Thread thread = new Thread(task, "chunk-upload");
			thread.setDaemon(true);
			return thread;
		});
		this.watchdog = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "chunk-upload-watchdog");
			thread.setDaemon(true);
			return thread;
		});
		this.watchdog.scheduleWithFixedDelay(this::dropStalledWriters, 1, 1, TimeUnit.SECONDS);
		this.running = true;
		Thread acceptor = new Thread(this::acceptLoop, "chunk-server-" + port());
		acceptor.setDaemon(true);
		acceptor.start();
		logger.info("Chunk server listening on TCP port {}", port());
	}

	/** The limit on all uploads, which can change while they run. */
	public RateLimiter uploadRate() {
		return this.uploadRate;
	}

	/** The bound TCP port, or -1 before start. */
	public int port() {
		ServerSocketChannel channel = this.server;
		return (channel != null) ? channel.socket().getLocalPort() : -1;
	}

	private void acceptLoop() {
		while (this.running) {
			SocketChannel socket;
			try {
				socket = this.server.accept();
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (IOException ex) {
				logger.warn("Accepting a peer connection failed", ex);
				continue;
			}
			if (!this.slots.tryAcquire()) {
				refuseBusy(socket);
				continue;
			}
			ChunkConnection connection = new ChunkConnection(socket, this.codec, this.library, this.limits,
					this.uploadRate, this::served);
			this.connections.add(connection);
			try {
				this.workers.execute(() -> {
					try {
						connection.serve();
					}
					finally {
						this.connections.remove(connection);
						this.slots.release();
					}
				});
			}
			catch (RuntimeException ex) {
				this.connections.remove(connection);
				this.slots.release();
				connection.close();
			}
		}
	}

	private void refuseBusy(SocketChannel socket) {
		try (socket) {
			byte[] busy = this.codec.error(new ErrorFrame(ErrorCode.BUSY,
					"Serving " + this.limits.maxConcurrentUploads() + " peers already; try later or elsewhere"));
			socket.write(ByteBuffer.wrap(busy));
		}
		catch (IOException ex) {
			logger.debug("Could not tell a peer we are busy", ex);
		}
	}

	private void served(long bytes) {
		this.bytesUp.increment(bytes);
		this.chunksServed.increment();
	}

	private void dropStalledWriters() {
		long limit = this.limits.writeTimeout().toNanos();
		long now = System.nanoTime();
		for (ChunkConnection connection : this.connections) {
			if (connection.stalledSince(now) > limit) {
				logger.info("Dropping {}: it took no bytes for {}", connection, this.limits.writeTimeout());
				connection.close();
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		try {
			if (this.server != null) {
				this.server.close();
			}
		}
		catch (IOException ex) {
			logger.debug("Closing the chunk server", ex);
		}
		this.connections.forEach(ChunkConnection::close);
		if (this.workers != null) {
			this.workers.shutdownNow();
		}
		if (this.watchdog != null) {
			this.watchdog.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Starts before the agent registers with the tracker, stops after it left. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1000;
	}

}
