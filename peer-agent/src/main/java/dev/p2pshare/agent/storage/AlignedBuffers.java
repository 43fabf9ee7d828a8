package dev.p2pshare.agent.storage;

import java.nio.ByteBuffer;

/**
 * Memory for chunks outside the heap, at addresses {@code O_DIRECT} takes as they are: a
 * chunk is read from the socket into it, hashed and written to the partial file with no
 * copy in between (bench/README.md, 2026-12-04).
 */
public final class AlignedBuffers {

	/**
	 * The alignment of every buffer: the page size, a multiple of the block size of the
	 * file systems agents write to; on one with larger blocks the chunk is copied into a
	 * buffer aligned to them first ({@link DirectChannel}).
	 */
	public static final int ALIGNMENT = 4096;

	private AlignedBuffers() {
	}

	/** A direct buffer of exactly {@code size} bytes starting at an aligned address. */
	public static ByteBuffer allocate(int size) {
		return ByteBuffer.allocateDirect(size + ALIGNMENT).alignedSlice(ALIGNMENT).limit(size).slice();
	}

}
