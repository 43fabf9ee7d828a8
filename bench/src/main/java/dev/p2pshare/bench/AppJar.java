package dev.p2pshare.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * A built application jar and the JVM options it starts with: none for the jar as built,
 * the class-data sharing archive for its extracted form (see {@link Cds}).
 */
record AppJar(Path jar, List<String> jvmOptions) {

	static AppJar asBuilt(Path jar) {
		return new AppJar(jar, List.of());
	}

}
