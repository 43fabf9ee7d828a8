package dev.p2pshare.agent.web;

/** No download of this file was started. */
class NoSuchDownloadException extends RuntimeException {

	NoSuchDownloadException(String fileName) {
		super("No download of '" + fileName + "' was started on this peer");
	}

}
