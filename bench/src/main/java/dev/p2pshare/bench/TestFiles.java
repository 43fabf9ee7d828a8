package dev.p2pshare.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Random files to distribute, and their SHA-256 to check what arrived. */
final class TestFiles {

	static final int MIB = 1024 * 1024;

	private TestFiles() {
	}

	/**
	 * Writes {@code mib} MiB of random bytes, down to the disk: gigabytes of them still
	 * being written back while a benchmark runs would slow its own writes. Returns the
	 * file's SHA-256.
	 */
	static String random(Path file, int mib, long seed) throws IOException {
		Files.createDirectories(file.getParent());
		MessageDigest digest = sha256();
		SplittableRandom random = new SplittableRandom(seed);
		byte[] block = new byte[MIB];
		try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			for (int i = 0; i < mib; i++) {
				for (int j = 0; j < block.length; j += 8) {
					long value = random.nextLong();
					for (int k = 0; k < 8; k++) {
						block[j + k] = (byte) (value >>> (8 * k));
					}
				}
				ByteBuffer bytes = ByteBuffer.wrap(block);
				while (bytes.hasRemaining()) {
					out.write(bytes);
				}
				digest.update(block);
			}
			out.force(true);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Deletes a directory and everything in it, as far as it can. */
	static void deleteTree(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

	static String sha256(Path file) throws IOException {
		MessageDigest digest = sha256();
		byte[] buffer = new byte[MIB];
		try (InputStream in = Files.newInputStream(file)) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
