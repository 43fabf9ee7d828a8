package dev.p2pshare.agent.storage;

import java.nio.file.Path;
import java.util.regex.Pattern;

import dev.p2pshare.dto.validation.FileName;

/** The one gate between a file name that came from the network and a path on disk. */
public final class SafeNames {

	private static final Pattern ACCEPTED = Pattern.compile(FileName.PATTERN);

	private SafeNames() {
	}

	/**
	 * The path of a shared file of this name: always a direct child of the directory.
	 * @throws IllegalArgumentException when the name could point anywhere else
	 */
	public static Path resolve(Path directory, String name) {
		if (name == null || name.isEmpty() || name.length() > 255 || !ACCEPTED.matcher(name).matches()) {
			throw new IllegalArgumentException("Not a plain file name: " + name);
		}
		Path base = directory.toAbsolutePath().normalize();
		Path resolved = base.resolve(name).normalize();
		if (!base.equals(resolved.getParent())) {
			throw new IllegalArgumentException("Not a plain file name: " + name);
		}
		return resolved;
	}

}
