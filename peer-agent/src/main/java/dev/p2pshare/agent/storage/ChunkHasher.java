package dev.p2pshare.agent.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;

import dev.p2pshare.dto.SharedFile;

/**
 * Computes a file's SHA-256, the SHA-256 of each chunk and, where this JVM can
 * ({@link Sha256Chain}), the whole file's chain state where each chunk starts, in one
 * sequential read.
 */
public final class ChunkHasher {

	private static final int BUFFER = 1 << 20;

	private static final HexFormat HEX = HexFormat.of();

	private ChunkHasher() {
	}

	public static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	/**
	 * Hashes a file.
	 * @param path the file, not followed if it is a link
	 * @param name the name it is shared under
	 * @param chunkSize the chunk size in bytes
	 * @param progress told the number of bytes hashed so far, now and then
	 */
	public static SharedFile hash(Path path, String name, int chunkSize, LongConsumer progress) throws IOException {
		boolean chained = Sha256Chain.chains(chunkSize);
		MessageDigest whole = chained ? null : sha256();
		Sha256Chain wholeChain = chained ? Sha256Chain.start() : null;
		MessageDigest chunk = sha256();
		List<String> chunkHashes = new ArrayList<>();
		List<String> chainStates = chained ? new ArrayList<>() : null;
		ByteBuffer buffer = ByteBuffer.allocate(Math.min(BUFFER, chunkSize));
		long total = 0;
		int inChunk = 0;
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
			while (true) {
				buffer.clear().limit(Math.min(buffer.capacity(), chunkSize - inChunk));
				int read = channel.read(buffer);
				if (read < 0) {
					break;
				}
				if (chained) {
					if (inChunk == 0 && read > 0) {
						chainStates.add(HEX.formatHex(wholeChain.state()));
					}
					wholeChain.update(buffer.array(), 0, read);
				}
				else {
					whole.update(buffer.array(), 0, read);
				}
				chunk.update(buffer.array(), 0, read);
				inChunk += read;
				total += read;
				if (inChunk == chunkSize) {
					chunkHashes.add(HEX.formatHex(chunk.digest()));
					inChunk = 0;
					progress.accept(total);
				}
			}
		}
		if (inChunk > 0) {
			chunkHashes.add(HEX.formatHex(chunk.digest()));
		}
		progress.accept(total);
		byte[] sha256 = chained ? wholeChain.finish() : whole.digest();
		return new SharedFile(name, total, chunkSize, HEX.formatHex(sha256), chunkHashes, chainStates);
	}

}
