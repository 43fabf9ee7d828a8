package dev.p2pshare.agent.download;

/** The tracker knows no file of this name. */
public class UnknownFileException extends RuntimeException {

	private final String fileName;

	public UnknownFileException(String fileName) {
		super("The tracker knows no file named '" + fileName + "'");
		this.fileName = fileName;
	}

	public String getFileName() {
		return this.fileName;
	}

}
