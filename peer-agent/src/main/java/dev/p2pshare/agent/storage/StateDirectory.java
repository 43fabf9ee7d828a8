package dev.p2pshare.agent.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.p2pshare.agent.config.PeerProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/** The share directory and the agent's own state inside it, {@code .p2p/}. */
@Component
public class StateDirectory {

	private static final Logger logger = LoggerFactory.getLogger(StateDirectory.class);

	private final Path shareDir;

	private final Path root;

	public StateDirectory(PeerProperties properties) {
		this.shareDir = properties.shareDir().toAbsolutePath().normalize();
		this.root = in(this.shareDir);
		if (!Files.isDirectory(this.shareDir)) {
			if (properties.mode() == PeerProperties.Mode.SEED) {
				throw new MissingShareDirectoryException(this.shareDir);
			}
			logger.info("Created the share directory {}, where downloads land", this.shareDir);
		}
		try {
			Files.createDirectories(this.root.resolve("partial"));
			Files.createDirectories(this.root.resolve("hashes"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the share directory " + this.shareDir, ex);
		}
	}

	/** Where an agent sharing this directory keeps its state. */
	public static Path in(Path shareDir) {
		return shareDir.resolve(".p2p");
	}

	public Path shareDir() {
		return this.shareDir;
	}

	public Path root() {
		return this.root;
	}

	/** Where downloads in progress and their resume state live. */
	public Path partial() {
		return this.root.resolve("partial");
	}

	/** Where computed chunk hashes are cached. */
	public Path hashes() {
		return this.root.resolve("hashes");
	}

}
