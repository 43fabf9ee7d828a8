package dev.p2pshare.agent.download;

import java.util.List;

/** The tracker described a file in a way this agent will not act on. */
public class InvalidMetadataException extends RuntimeException {

	public InvalidMetadataException(String fileName, List<String> problems) {
		super("The tracker's metadata for '" + fileName + "' is invalid: " + String.join("; ", problems));
	}

}
