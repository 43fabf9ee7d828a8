package dev.p2pshare.tracker.file;

/** A file of this name is already known with different content. */
public class FileConflictException extends RuntimeException {

	private final String fileName;

	FileConflictException(String fileName) {
		super("A file named '" + fileName
				+ "' is already shared with different content (size, chunk size or hashes differ); rename it");
		this.fileName = fileName;
	}

	public String getFileName() {
		return this.fileName;
	}

}
