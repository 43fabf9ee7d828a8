package dev.p2pshare.agent.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What tells a changed file from an unchanged one without reading it.
 *
 * @param size the length in bytes
 * @param modifiedMillis the last modification time, in milliseconds since the epoch
 */
public record FileStamp(long size, long modifiedMillis) {

	public static FileStamp of(Path path) throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
				LinkOption.NOFOLLOW_LINKS);
		return new FileStamp(attributes.size(), attributes.lastModifiedTime().toMillis());
	}

}
