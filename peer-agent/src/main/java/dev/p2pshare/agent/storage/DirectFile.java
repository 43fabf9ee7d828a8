package dev.p2pshare.agent.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.nio.file.ExtendedOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file opened with {@code O_DIRECT}, past the page cache, and the block size that the
 * offsets, lengths and buffer addresses of its reads and writes must be multiples of.
 *
 * @param channel the file
 * @param block the file system's block size in bytes
 */
record DirectFile(FileChannel channel, int block) {

	private static final Logger logger = LoggerFactory.getLogger(DirectFile.class);

	/**
	 * Opens the file with {@code O_DIRECT}, or returns {@code null} when the file system
	 * does not take it (tmpfs on older kernels, for one), when {@code alignedTo} is not a
	 * multiple of its block size, or when the file cannot be opened (the caller's own
	 * open says why).
	 * @param path the file
	 * @param alignedTo the offsets that will be used are multiples of this
	 * @param options how to open it, besides {@code O_DIRECT} and not following links
	 */
	static DirectFile open(Path path, long alignedTo, OpenOption... options) {
		try {
			int block = Math.toIntExact(Files.getFileStore(path).getBlockSize());
			if (block <= 0 || alignedTo % block != 0) {
				return null;
			}
			List<OpenOption> direct = new ArrayList<>(List.of(options));
			direct.add(ExtendedOpenOption.DIRECT);
			direct.add(LinkOption.NOFOLLOW_LINKS);
			return new DirectFile(FileChannel.open(path, direct.toArray(OpenOption[]::new)), block);
		}
		catch (IOException | UnsupportedOperationException | ArithmeticException ex) {
			logger.debug("Cannot open {} past the page cache: {}", path, ex.toString());
			return null;
		}
	}

	/** {@code length} rounded up to whole blocks. */
	int roundUp(int length) {
		return (length + this.block - 1) / this.block * this.block;
	}

}
