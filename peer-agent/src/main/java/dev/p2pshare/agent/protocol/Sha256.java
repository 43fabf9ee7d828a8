package dev.p2pshare.agent.protocol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A SHA-256 digest: 32 bytes, compared by value.
 *
 * @param bytes the 32 digest bytes (copied in and out)
 */
public record Sha256(byte[] bytes) {

	/** The length of a digest in bytes. */
	public static final int LENGTH = 32;

	private static final HexFormat HEX = HexFormat.of();

	public Sha256 {
		if (bytes == null || bytes.length != LENGTH) {
			throw new IllegalArgumentException("A SHA-256 digest has 32 bytes");
		}
		bytes = bytes.clone();
	}

	/** Parses 64 hex digits. */
	public static Sha256 ofHex(String hex) {
		if (hex == null || hex.length() != 2 * LENGTH) {
			throw new IllegalArgumentException("A SHA-256 digest has 64 hex digits: " + hex);
		}
		return new Sha256(HEX.parseHex(hex.toLowerCase(Locale.ROOT)));
	}

	@Override
	public byte[] bytes() {
		return this.bytes.clone();
	}

	public String hex() {
		return HEX.formatHex(this.bytes);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Sha256 digest && Arrays.equals(this.bytes, digest.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		return hex();
	}

}
