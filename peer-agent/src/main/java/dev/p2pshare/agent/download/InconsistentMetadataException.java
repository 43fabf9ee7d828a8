package dev.p2pshare.agent.download;

import java.io.IOException;

/**
 * The tracker's description of a file contradicts itself, as the bytes show: no peer can
 * fix that, so it ends the download.
 */
final class InconsistentMetadataException extends IOException {

	InconsistentMetadataException(String fileName, String contradiction) {
		super("The tracker's metadata for '" + fileName + "' is inconsistent: " + contradiction);
	}

}
