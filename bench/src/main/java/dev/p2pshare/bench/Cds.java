package dev.p2pshare.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Class-data sharing for the benchmark's JVMs, as Spring Boot documents it for
 * deployments: the jar extracted ({@code -Djarmode=tools extract}), one training run that
 * starts the application until its context is refreshed and dumps the classes it loaded
 * ({@code -XX:ArchiveClassesAtExit}), then every start maps that archive. On two cores
 * this takes a third off the CPU an agent or the tracker spends starting, which is most
 * of a quick run; what is measured once they are up runs the same code either way. The
 * archive is kept beside the build and made again when the jar or the JVM changes.
 */
final class Cds {

	private static final long TRAINING_TIMEOUT_SECONDS = 300;

	private Cds() {
	}

	/**
	 * The jar extracted with its archive, trained now unless done before for these bytes
	 * and this JVM; the jar as built when training fails (said on the console).
	 * @param built the application jar
	 * @param cacheRoot where archives are kept ({@code bench/target/cds})
	 * @param trainingArguments application arguments that let it start on its own
	 * @param log the training run's output
	 */
	static AppJar prepare(AppJar built, Path cacheRoot, List<String> trainingArguments, Path log)
			throws IOException, InterruptedException {
		String name = built.jar().getFileName().toString().replaceFirst("\\.jar$", "");
		String key = name + "-" + TestFiles.sha256(built.jar()).substring(0, 12) + "-java"
				+ System.getProperty("java.version");
		Path directory = cacheRoot.resolve(key);
		Path extracted = directory.resolve(name + "/" + built.jar().getFileName());
		Path archive = directory.resolve(name + ".jsa");
		AppJar shared = new AppJar(extracted, List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off"),
				built.jar());
		if (Files.isRegularFile(archive) && Files.isRegularFile(extracted)) {
			return shared;
		}
		deleteOlder(cacheRoot, name);
		long started = System.nanoTime();
		System.out.printf("  training a class-data sharing archive for %s (once per build)%n", name);
		run(List.of("-Djarmode=tools", "-jar", built.jar().toString(), "extract", "--destination",
				directory.resolve(name).toString()), log);
		List<String> training = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off",
				"-Dspring.context.exit=onRefresh", "-jar", extracted.toString()));
		training.addAll(trainingArguments);
		run(training, log);
		if (!Files.isRegularFile(archive)) {
			System.out.printf("  no archive for %s (see %s): its JVMs start from the jar as built%n", name, log);
			return built;
		}
		System.out.printf("  trained in %.0f s%n", (System.nanoTime() - started) / 1e9);
		return shared;
	}

	private static void run(List<String> arguments, Path log) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(JavaProcess.javaCommand());
		command.addAll(arguments);
		Files.createDirectories(log.getParent());
		Process process = JavaProcess.launch(new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
		if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}

	/** Archives of earlier builds of the same jar: some 200 MiB each. */
	private static void deleteOlder(Path cacheRoot, String name) throws IOException {
		Files.createDirectories(cacheRoot);
		try (DirectoryStream<Path> older = Files.newDirectoryStream(cacheRoot, name + "-*")) {
			for (Path directory : older) {
				TestFiles.deleteTree(directory);
			}
		}
	}

}
