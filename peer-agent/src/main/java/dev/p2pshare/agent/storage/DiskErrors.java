package dev.p2pshare.agent.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/**
 * Says in words what the disk refused: the JDK's file exceptions often carry only a path
 * as their message ("/x/y.tmp"), which tells a user nothing.
 */
public final class DiskErrors {

	private DiskErrors() {
	}

	/** {@code "Read-only file system (/x/y.tmp)"}, or the message of any other error. */
	public static String describe(IOException ex) {
		if (ex instanceof AccessDeniedException denied) {
			return "permission denied (" + denied.getFile() + ")";
		}
		if (ex instanceof FileSystemException failed && failed.getReason() != null) {
			return failed.getReason() + " (" + failed.getFile() + ")";
		}
		return ex.getMessage();
	}

}
