package dev.p2pshare.agent.storage;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

import dev.p2pshare.dto.SharedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHA-256 that tells its chaining value at a block boundary and starts again from one:
 * what lets a seed publish where each chunk starts in the whole file's hash, and a
 * downloader check each chunk, in any order, by hashing it once (docs/PROTOCOL.md, chain
 * states). The JDK offers no public way to do it, and a SHA-256 written in Java runs
 * without the JDK's SHA-NI and AVX2 intrinsics at a fraction of their speed; so this runs
 * the JDK's own SHA-256 and sets its state through {@code sun.security.provider}, which
 * the agent's jar opens ({@code Add-Opens} in its manifest). Where that package is closed
 * or shaped otherwise, {@link #available()} says no and the agent hashes as before: every
 * chunk, and the whole file apart.
 */
public final class Sha256Chain {

	private static final Logger logger = LoggerFactory.getLogger(Sha256Chain.class);

	private static final String PACKAGE = "sun.security.provider";

	private static final int WORDS = 8;

	private static final MethodHandle CREATE;

	private static final MethodHandle UPDATE;

	private static final MethodHandle DIGEST;

	private static final VarHandle STATE;

	private static final VarHandle PROCESSED;

	private static final String UNAVAILABLE;

	static {
		MethodHandle create = null;
		MethodHandle update = null;
		MethodHandle digest = null;
		VarHandle state = null;
		VarHandle processed = null;
		String unavailable = null;
		try {
			Class<?> sha256 = Class.forName(PACKAGE + ".SHA2$SHA256");
			Class<?> sha2 = Class.forName(PACKAGE + ".SHA2");
			Class<?> base = Class.forName(PACKAGE + ".DigestBase");
			MethodHandles.Lookup here = MethodHandles.lookup();
			MethodHandles.Lookup inBase = MethodHandles.privateLookupIn(base, here);
			create = MethodHandles.privateLookupIn(sha256, here)
				.findConstructor(sha256, MethodType.methodType(void.class))
				.asType(MethodType.methodType(Object.class));
			update = inBase
				.findVirtual(base, "engineUpdate",
						MethodType.methodType(void.class, byte[].class, int.class, int.class))
				.asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class, int.class));
			digest = inBase.findVirtual(base, "engineDigest", MethodType.methodType(byte[].class))
				.asType(MethodType.methodType(byte[].class, Object.class));
			state = MethodHandles.privateLookupIn(sha2, here).findVarHandle(sha2, "state", int[].class);
			processed = inBase.findVarHandle(base, "bytesProcessed", long.class);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			unavailable = ex.toString();
		}
		CREATE = create;
		UPDATE = update;
		DIGEST = digest;
		STATE = state;
		PROCESSED = processed;
		UNAVAILABLE = (unavailable != null) ? unavailable : selfTest();
		if (UNAVAILABLE == null) {
			logger.info("SHA-256 resumes from chain states here: chunks of files with them are hashed once");
		}
		else {
			logger.warn(
					"This JVM cannot resume SHA-256 from a chain state ({}): every chunk is hashed twice, "
							+ "on its own and for the whole file; java -jar peer-agent.jar opens what it needs, "
							+ "other launchers need --add-opens java.base/sun.security.provider=ALL-UNNAMED",
					UNAVAILABLE);
		}
	}

	private final Object digest;

	private long position;

	private Sha256Chain(Object digest) {
		this.digest = digest;
	}

	/** Whether this JVM can run SHA-256 from a given chaining value. */
	public static boolean available() {
		return UNAVAILABLE == null;
	}

	/**
	 * Whether chain states can be taken and used for chunks of this size here: this JVM
	 * can resume SHA-256, and chunks end on SHA-256's 64-byte blocks.
	 */
	public static boolean chains(int chunkSize) {
		return available() && chunkSize % SharedFile.SHA256_BLOCK == 0;
	}

	/** A new SHA-256, at the start of the input. */
	public static Sha256Chain start() {
		requireAvailable();
		return create();
	}

	/**
	 * A SHA-256 resumed where {@code offset} bytes of input left the chaining value
	 * {@code state}.
	 * @param state the eight 32-bit words of the chaining value, big-endian: 32 bytes
	 * @param offset the input hashed so far, a multiple of 64 bytes
	 */
	public static Sha256Chain resume(byte[] state, long offset) {
		requireAvailable();
		return resumed(state, offset);
	}

	private static Sha256Chain create() {
		try {
			return new Sha256Chain(CREATE.invokeExact());
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Cannot create the JDK's SHA-256", ex);
		}
	}

	private static Sha256Chain resumed(byte[] state, long offset) {
		if (state.length != WORDS * Integer.BYTES || offset < 0 || offset % SharedFile.SHA256_BLOCK != 0) {
			throw new IllegalArgumentException(
					"a chain state is 32 bytes at a multiple of 64 bytes, not " + state.length + " at " + offset);
		}
		Sha256Chain chain = create();
		ByteBuffer words = ByteBuffer.wrap(state);
		int[] inner = (int[]) STATE.get(chain.digest);
		for (int i = 0; i < WORDS; i++) {
			inner[i] = words.getInt();
		}
		PROCESSED.set(chain.digest, offset);
		chain.position = offset;
		return chain;
	}

	public void update(byte[] bytes, int offset, int length) {
		try {
			UPDATE.invokeExact(this.digest, bytes, offset, length);
		}
		catch (Throwable ex) {
			throw rethrown(ex);
		}
		this.position += length;
	}

	/**
	 * The chaining value now, big-endian: 32 bytes.
	 * @throws IllegalStateException unless the input so far is a multiple of 64 bytes
	 */
	public byte[] state() {
		if (this.position % SharedFile.SHA256_BLOCK != 0) {
			throw new IllegalStateException("no chain state after " + this.position + " bytes, only at 64-byte blocks");
		}
		ByteBuffer words = ByteBuffer.allocate(WORDS * Integer.BYTES);
		int[] inner = (int[]) STATE.get(this.digest);
		for (int i = 0; i < WORDS; i++) {
			words.putInt(inner[i]);
		}
		return words.array();
	}

	/** The SHA-256 of all the input, from the start; the chain cannot be used again. */
	public byte[] finish() {
		try {
			return (byte[]) DIGEST.invokeExact(this.digest);
		}
		catch (Throwable ex) {
			throw rethrown(ex);
		}
	}

	private static void requireAvailable() {
		if (UNAVAILABLE != null) {
			throw new IllegalStateException("SHA-256 cannot be resumed in this JVM: " + UNAVAILABLE);
		}
	}

	private static RuntimeException rethrown(Throwable ex) {
		if (ex instanceof RuntimeException runtime) {
			return runtime;
		}
		if (ex instanceof Error error) {
			throw error;
		}
		return new IllegalStateException(ex);
	}

	/**
	 * Whether the handles do what this class needs, on this JDK: the initial state, a
	 * state taken at a block, resumed elsewhere, and the digest through it, against
	 * {@code MessageDigest}. The reason they do not, or {@code null}.
	 */
	private static String selfTest() {
		try {
			byte[] input = new byte[3 * SharedFile.SHA256_BLOCK + 5];
			for (int i = 0; i < input.length; i++) {
				input[i] = (byte) (i * 31 + 7);
			}
			Sha256Chain first = create();
			if (!HexFormat.of().formatHex(first.state()).equals(SharedFile.SHA256_INITIAL_STATE)) {
				return "the JDK's SHA-256 does not start from SHA-256's initial value as read";
			}
			first.update(input, 0, 2 * SharedFile.SHA256_BLOCK);
			Sha256Chain resumed = resumed(first.state(), 2 * SharedFile.SHA256_BLOCK);
			resumed.update(input, 2 * SharedFile.SHA256_BLOCK, input.length - 2 * SharedFile.SHA256_BLOCK);
			byte[] expected = ChunkHasher.sha256().digest(input);
			if (!Arrays.equals(resumed.finish(), expected)) {
				return "the JDK's SHA-256, resumed from a chain state, gives another digest";
			}
			return null;
		}
		catch (Throwable ex) {
			return ex.toString();
		}
	}

}
