package dev.p2pshare.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on loopback in front of a real chunk server that breaks what flows back to
 * the downloader: it stalls, hangs up or trickles once part of an answer has passed.
 */
final class FaultyRelay implements AutoCloseable {

	enum Fault {

		/**
		 * Forwards part of the answer, then nothing more, with the connection left open.
		 */
		STALL,

		/** Forwards part of the answer, then closes the connection. */
		CLOSE_HALFWAY,

		/** Forwards one byte every 20 ms. */
		TRICKLE

	}

	private final ServerSocket server;

	private final int upstreamPort;

	private final Fault fault;

	private final int bytesBeforeFault;

	private final AtomicInteger connections = new AtomicInteger();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	FaultyRelay(int upstreamPort, Fault fault, int bytesBeforeFault) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.upstreamPort = upstreamPort;
		this.fault = fault;
		this.bytesBeforeFault = bytesBeforeFault;
		Thread acceptor = new Thread(this::accept, "faulty-relay");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Connections the downloader opened through the relay. */
	int connections() {
		return this.connections.get();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket();
				upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.upstreamPort), 2000);
				this.sockets.add(client);
				this.sockets.add(upstream);
				this.connections.incrementAndGet();
				start(() -> pump(client.getInputStream(), upstream.getOutputStream()));
				start(() -> faultyPump(upstream.getInputStream(), client.getOutputStream(), client));
			}
			catch (IOException ex) {
				// closed, or the chunk server went away: the downloader sees a failed
				// connect
			}
		}
	}

	private static void pump(InputStream in, OutputStream out) throws IOException {
		in.transferTo(out);
	}

	private void faultyPump(InputStream in, OutputStream out, Socket client) throws IOException, InterruptedException {
		byte[] buffer = new byte[8192];
		int forwarded = 0;
		while (true) {
			int want = (this.fault == Fault.TRICKLE) ? 1 : Math.min(buffer.length, this.bytesBeforeFault - forwarded);
			if (want <= 0) {
				break;
			}
			int read = in.read(buffer, 0, want);
			if (read < 0) {
				return;
			}
			out.write(buffer, 0, read);
			out.flush();
			forwarded += read;
			if (this.fault == Fault.TRICKLE) {
				TimeUnit.MILLISECONDS.sleep(20);
			}
		}
		if (this.fault == Fault.CLOSE_HALFWAY) {
			client.close();
		}
		// STALL: keep the connection open and say nothing more
	}

	private interface Pump {

		void run() throws IOException, InterruptedException;

	}

	private static void start(Pump pump) {
		Thread thread = new Thread(() -> {
			try {
				pump.run();
			}
			catch (IOException | InterruptedException ex) {
				// the connection ended
			}
		}, "faulty-relay-pump");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
