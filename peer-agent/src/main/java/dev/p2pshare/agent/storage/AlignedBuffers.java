package dev.p2pshare.agent.storage;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * Memory for chunks outside the heap, at addresses {@code O_DIRECT} takes as they are: a
 * chunk is read from the socket into it, hashed and written to the partial file with no
 * copy in between.
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

	/**
	 * The memory this JVM allows outside the heap, for these buffers and the JDK's own:
	 * {@code -XX:MaxDirectMemorySize} where given, else the maximum heap size, as the JDK
	 * takes it.
	 */
	public static long directMemoryLimit() {
		try {
			VMOption option = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
				.getVMOption("MaxDirectMemorySize");
			if (option.getOrigin() != VMOption.Origin.DEFAULT) {
				return Long.parseLong(option.getValue());
			}
		}
		catch (IllegalArgumentException | LinkageError ex) {
			// not HotSpot: its default is the JDK's too
		}
		return Runtime.getRuntime().maxMemory();
	}

	/** A direct buffer of exactly {@code size} bytes starting at an aligned address. */
	public static ByteBuffer allocate(int size) {
		return ByteBuffer.allocateDirect(size + ALIGNMENT).alignedSlice(ALIGNMENT).limit(size).slice();
	}

}
