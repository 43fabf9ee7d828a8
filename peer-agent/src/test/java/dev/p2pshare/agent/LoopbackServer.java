package dev.p2pshare.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP server on an ephemeral loopback port for the tests' own chunk servers: every
 * connection is handed to the handler on a daemon thread of its own, and closed when the
 * handler returns or fails.
 */
final class LoopbackServer implements AutoCloseable {

	/** Serves one connection. */
	@FunctionalInterface
	interface Handler {

		void serve(Socket socket) throws IOException;

	}

	private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

	private final String name;

	private final Handler handler;

	LoopbackServer(String name, Handler handler) throws IOException {
		this.name = name;
		this.handler = handler;
		daemon(name, this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				daemon(this.name + "-connection", () -> serveAndClose(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serveAndClose(Socket socket) {
		try (socket) {
			this.handler.serve(socket);
		}
		catch (IOException ex) {
			// the downloader hung up
		}
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
