package dev.p2pshare.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/p2p-share} as a person types it: the repository's launcher script, run by
 * bash with this JVM's Java, in a working directory of the test's.
 */
final class P2pShareCommand {

	private static final Path SCRIPT = Path.of("../bin/p2p-share").toAbsolutePath().normalize();

	private P2pShareCommand() {
	}

	/** What a finished command printed (standard output and error together). */
	record Result(int exitCode, String output) {
	}

	/** Runs the command to its end, within two minutes. */
	static Result run(Path workingDirectory, String... args) throws IOException, InterruptedException {
		Path log = Files.createTempFile(workingDirectory, "p2p-share-", ".log");
		Process process = start(workingDirectory, log, args);
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(
					"p2p-share " + String.join(" ", args) + " did not end in 120 s:\n" + Files.readString(log));
		}
		return new Result(process.exitValue(), Files.readString(log));
	}

	/** Starts a command that runs on (a tracker, a seed), its output going to the log. */
	static Process start(Path workingDirectory, Path log, String... args) throws IOException {
		return new ProcessBuilder(commandLine(args)).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

	/** The command line, with this JVM's Java and a small heap. */
	static List<String> commandLine(String... args) {
		List<String> command = new ArrayList<>(List.of("env", "JAVA_HOME=" + System.getProperty("java.home"),
				"JAVA_OPTS=-Xmx256m", "bash", SCRIPT.toString()));
		command.addAll(List.of(args));
		return command;
	}

}
