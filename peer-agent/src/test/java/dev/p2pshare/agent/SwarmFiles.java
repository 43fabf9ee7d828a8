package dev.p2pshare.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Random;

/** Random files for swarm tests, and their SHA-256 as a user would check it. */
final class SwarmFiles {

	private SwarmFiles() {
	}

	static Path randomFile(Path directory, String name, int size, long seed) throws IOException {
		Files.createDirectories(directory);
		byte[] content = new byte[size];
		new Random(seed).nextBytes(content);
		return Files.write(directory.resolve(name), content);
	}

	static String sha256(Path file) throws IOException {
		return sha256(Files.readAllBytes(file));
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** How many chunks the resume state of a stopped download lists as verified. */
	static int countVerifiedInState(Path shareDir, String fileSha256) throws IOException {
		return verifiedInState(shareDir, fileSha256).cardinality();
	}

	/** The chunks the resume state of a stopped download lists as verified. */
	static BitSet verifiedInState(Path shareDir, String fileSha256) throws IOException {
		String json = Files.readString(partialFile(shareDir, fileSha256, ".state"));
		String encoded = json.replaceAll("(?s).*\"verified\"\\s*:\\s*\"([^\"]*)\".*", "$1");
		return BitSet.valueOf(Base64.getDecoder().decode(encoded));
	}

	/** A file of an unfinished download: {@code .part} (the bytes) or {@code .state}. */
	static Path partialFile(Path shareDir, String fileSha256, String suffix) {
		return shareDir.resolve(".p2p/partial/" + fileSha256 + suffix);
	}

}
