package dev.p2pshare.tracker.file;

/** No file of this name is known to the swarm. */
public class UnknownFileException extends RuntimeException {

	private final String fileName;

	UnknownFileException(String fileName) {
		super("No file named '" + fileName + "' is known to the tracker");
		this.fileName = fileName;
	}

	public String getFileName() {
		return this.fileName;
	}

}
