package dev.p2pshare.tracker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.p2pshare.dto.PeerRegistration;
import dev.p2pshare.dto.SharedFile;

/** Real file descriptions: random bytes, hashed chunk by chunk as a peer would. */
public final class Fixtures {

	private Fixtures() {
	}

	/** A name no other test uses, so tests can share one database. */
	public static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public static SharedFile file(String name, int size, int chunkSize) {
		byte[] content = new byte[size];
		new Random(name.hashCode()).nextBytes(content);
		List<String> chunkHashes = new ArrayList<>();
		for (int offset = 0; offset < size; offset += chunkSize) {
			chunkHashes.add(sha256(Arrays.copyOfRange(content, offset, Math.min(size, offset + chunkSize))));
		}
		return new SharedFile(name, size, chunkSize, sha256(content), chunkHashes);
	}

	/**
	 * The same file with chain states of the right form: SHA-256's initial value, then
	 * one made-up state per further chunk. The tracker can check only their form, never
	 * their truth, which takes the bytes (agents check it: peer-agent's
	 * Sha256ChainTests).
	 */
	public static SharedFile withChainStates(SharedFile file, String seed) {
		List<String> states = new ArrayList<>();
		states.add(SharedFile.SHA256_INITIAL_STATE);
		for (int i = 1; i < file.chunkHashes().size(); i++) {
			states.add(sha256((seed + i).getBytes(StandardCharsets.UTF_8)));
		}
		return new SharedFile(file.name(), file.size(), file.chunkSize(), file.sha256(), file.chunkHashes(), states);
	}

	public static PeerRegistration peer(String peerId, int port, SharedFile... files) {
		return new PeerRegistration(peerId, "127.0.0.1", port, List.of(files));
	}

	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
