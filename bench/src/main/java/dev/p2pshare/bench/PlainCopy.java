package dev.p2pshare.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * What the machine can do with the bytes of benchmark 3 without p2p-share: a plain copy
 * through a loopback socket, the practical ceiling of a transfer, and SHA-256 of the
 * file, which a verified transfer cannot beat.
 *
 * @param seconds how long the copy took
 * @param cpuSeconds the CPU time this JVM spent meanwhile, both ends of the copy
 */
record PlainCopy(double seconds, double cpuSeconds) {

	/**
	 * The practical ceiling: the file read and sent through a loopback TCP connection by
	 * one thread, received and written to disk by another, with no protocol and no
	 * hashing.
	 * @param direct write with {@code O_DIRECT}, past the page cache, as the agent does
	 */
	static PlainCopy run(Path source, Path target, boolean direct) throws IOException {
		try (ServerSocketChannel server = ServerSocketChannel.open()) {
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			long cpuAtStart = ownCpuNanos();
			long started = System.nanoTime();
			CompletableFuture<Void> receiving = CompletableFuture.runAsync(() -> receive(server, target, direct));
			try (SocketChannel socket = SocketChannel.open(server.getLocalAddress());
					FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
				pump(in, socket);
			}
			receiving.join();
			double seconds = (System.nanoTime() - started) / 1e9;
			double cpuSeconds = (ownCpuNanos() - cpuAtStart) / 1e9;
			if (Files.size(target) != Files.size(source)) {
				throw new IOException("the plain copy lost bytes");
			}
			Files.delete(target);
			return new PlainCopy(seconds, cpuSeconds);
		}
	}

	/** Moves every byte from one channel to the other, a MiB at a time. */
	private static void pump(ReadableByteChannel from, WritableByteChannel to) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocateDirect(TestFiles.MIB);
		while (from.read(buffer) >= 0) {
			buffer.flip();
			while (buffer.hasRemaining()) {
				to.write(buffer);
			}
			buffer.clear();
		}
	}

	private static long ownCpuNanos() {
		return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	private static void receive(ServerSocketChannel server, Path target, boolean direct) {
		try (SocketChannel socket = server.accept();
				FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
						StandardOpenOption.TRUNCATE_EXISTING)) {
			if (direct) {
				receiveDirect(socket, target, out);
			}
			else {
				pump(socket, out);
			}
			out.force(false);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Fills an aligned buffer from the socket and writes it whole with {@code O_DIRECT};
	 * the last part of a block, which {@code O_DIRECT} cannot write, goes through
	 * {@code buffered}.
	 */
	private static void receiveDirect(SocketChannel socket, Path target, FileChannel buffered) throws IOException {
		int block = Math.toIntExact(Files.getFileStore(target).getBlockSize());
		ByteBuffer buffer = ByteBuffer.allocateDirect(TestFiles.MIB + block).alignedSlice(block).limit(TestFiles.MIB);
		try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)) {
			long position = 0;
			boolean open = true;
			while (open) {
				while (open && buffer.hasRemaining()) {
					open = socket.read(buffer) >= 0;
				}
				buffer.flip();
				int filled = buffer.limit();
				buffer.limit(filled / block * block);
				while (buffer.hasRemaining()) {
					position += out.write(buffer, position);
				}
				buffer.limit(filled);
				while (buffer.hasRemaining()) {
					position += buffered.write(buffer, position);
				}
				buffer.clear().limit(TestFiles.MIB);
			}
		}
	}

	/** How long SHA-256 of the file takes on one core, reading it too. */
	static double hashSeconds(Path file) throws IOException {
		long started = System.nanoTime();
		TestFiles.sha256(file);
		return (System.nanoTime() - started) / 1e9;
	}

}
