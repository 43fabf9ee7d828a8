package dev.p2pshare.agent.storage;

import java.nio.file.Path;

/** A seed was told to share a directory that does not exist. */
public class MissingShareDirectoryException extends RuntimeException {

	private final Path directory;

	public MissingShareDirectoryException(Path directory) {
		super("The share directory " + directory + " does not exist, so this seed would share nothing.");
		this.directory = directory;
	}

	/** What to do about it. */
	public String action() {
		return "Name the directory that holds the files to share (p2p-share seed DIR, or --peer.share-dir=DIR), "
				+ "or create " + this.directory + " first.";
	}

}
