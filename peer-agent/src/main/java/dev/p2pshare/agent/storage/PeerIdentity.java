package dev.p2pshare.agent.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * This peer's stable id, generated once and kept in {@code .p2p/peer-id}, and the secret
 * the tracker issued to it, kept in {@code .p2p/peer-secret} (readable by its owner only)
 * and sent with every write the peer makes to the tracker.
 */
@Component
public class PeerIdentity {

	private static final Logger logger = LoggerFactory.getLogger(PeerIdentity.class);

	private static final Pattern VALID_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

	private static final Pattern VALID_SECRET = Pattern.compile("^[A-Za-z0-9_-]{1,256}$");

	private final Path idFile;

	private final Path secretFile;

	private String peerId;

	private String secret;

	public PeerIdentity(StateDirectory state) {
		this.idFile = state.root().resolve("peer-id");
		this.secretFile = state.root().resolve("peer-secret");
		this.peerId = read(this.idFile, VALID_ID);
		if (this.peerId == null) {
			renew();
		}
		else {
			this.secret = read(this.secretFile, VALID_SECRET);
		}
	}

	public synchronized String peerId() {
		return this.peerId;
	}

	/** The secret the tracker issued to this peer id, or null before the first one. */
	public synchronized String secret() {
		return this.secret;
	}

	/**
	 * Keeps the secret the tracker issued when it registered this peer: in memory, and on
	 * disk where the disk allows (otherwise a restart has to take a new id).
	 * @throws IllegalArgumentException when it is not a secret the protocol allows
	 */
	public synchronized void secretIssued(String issued) {
		if (!VALID_SECRET.matcher(issued).matches()) {
			throw new IllegalArgumentException("The tracker issued a peer secret of unexpected form");
		}
		this.secret = issued;
		keep(this.secretFile, issued);
	}

	/**
	 * Takes a new id and forgets the secret: for when the tracker holds this id under a
	 * secret this peer does not have (lost with its state, or the id taken while it was
	 * away).
	 * @return the new id
	 */
	public synchronized String renew() {
		String renewed = "peer-" + UUID.randomUUID();
		this.peerId = renewed;
		this.secret = null;
		try {
			Files.deleteIfExists(this.secretFile);
		}
		catch (IOException ex) {
			logger.warn("Could not delete the old peer secret in {}: {}", this.secretFile, ex.getMessage());
		}
		keep(this.idFile, renewed);
		return renewed;
	}

	private static String read(Path file, Pattern valid) {
		try {
			if (Files.isRegularFile(file)) {
				String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
				return valid.matcher(stored).matches() ? stored : null;
			}
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	/**
	 * Writes the value atomically, readable by its owner only; a warning if it cannot.
	 */
	private static void keep(Path file, String value) {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		try {
			Files.deleteIfExists(temporary);
			Files.createFile(temporary);
			if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
				Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
			}
			Files.writeString(temporary, value + "\n", StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			logger.warn("Could not keep {} ({}); it lasts until the agent stops", file, ex.getMessage());
		}
	}

}
