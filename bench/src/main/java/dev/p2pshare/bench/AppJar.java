package dev.p2pshare.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * A built application jar and the JVM options it starts with: none for the jar as built,
 * the class-data sharing archive for its extracted form (see {@link Cds}).
 *
 * @param jar the jar to run
 * @param jvmOptions what the JVM needs for it
 * @param built the jar as the build made it
 */
record AppJar(Path jar, List<String> jvmOptions, Path built) {

	static AppJar asBuilt(Path jar) {
		return new AppJar(jar, List.of(), jar);
	}

	/**
	 * This jar as built, started as users start it: for what the archive would change,
	 * the resident memory, which counts the archive's mapped pages.
	 */
	AppJar asBuilt() {
		return asBuilt(this.built);
	}

}
