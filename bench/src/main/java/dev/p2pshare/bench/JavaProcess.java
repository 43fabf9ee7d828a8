package dev.p2pshare.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One of the built jars running as its own JVM, as users run it, with what the kernel
 * says about it: CPU time and peak resident memory, read from {@code /proc}.
 */
final class JavaProcess implements AutoCloseable {

	/** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on Linux. */
	private static final double TICKS_PER_SECOND = 100.0;

	/** How long a process may take to stop once asked, before it is killed. */
	private static final long STOP_SECONDS = 20;

	/** Every process this run started that has not ended. */
	private static final Set<Process> running = ConcurrentHashMap.newKeySet();

	private static volatile boolean stopping;

	private final String name;

	private final Process process;

	private final Path log;

	private JavaProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static JavaProcess start(String name, AppJar jar, List<String> jvmOptions, List<String> arguments, Path log)
			throws IOException {
		return start(List.of(), name, jar, jvmOptions, arguments, log);
	}

	/**
	 * The same, run through {@code enter}: a command that runs the JVM elsewhere and
	 * becomes it, as {@code ip netns exec NAMESPACE} does (the process and its id stay
	 * the JVM's).
	 */
	static JavaProcess start(List<String> enter, String name, AppJar jar, List<String> jvmOptions,
			List<String> arguments, Path log) throws IOException {
		List<String> command = new ArrayList<>(enter);
		command.add(javaCommand());
		command.addAll(jar.jvmOptions());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.jar().toString());
		command.addAll(arguments);
		Files.createDirectories(log.getParent());
		Process process = launch(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()));
		return new JavaProcess(name, process, log);
	}

	/**
	 * Starts a process that {@link #stopAll} stops if it is still running then: a run cut
	 * short (Ctrl-C) leaves no JVM behind it.
	 */
	static Process launch(ProcessBuilder builder) throws IOException {
		Process process = builder.start();
		running.add(process);
		process.onExit().thenRun(() -> running.remove(process));
		return process;
	}

	/**
	 * Stops every process this run started that is still running, each asked first (an
	 * agent then leaves the tracker), killed if it does not end in time.
	 * @return how many there were
	 */
	static int stopAll() {
		stopping = true;
		List<Process> left = List.copyOf(running);
		// all asked at once, so that they stop side by side
		left.forEach(Process::destroy);
		for (Process process : left) {
			stop(process);
		}
		return left.size();
	}

	/** Whether {@link #stopAll} was called: the run is being cut short. */
	static boolean stopping() {
		return stopping;
	}

	private static void stop(Process process) {
		process.destroy();
		try {
			if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	/**
	 * JVM options given in an environment variable, for example a flight recording
	 * ({@code -XX:StartFlightRecording=filename=/tmp/{name}.jfr}), separated by spaces,
	 * with {@code {name}} replaced by the process's name.
	 */
	static List<String> optionsFromEnvironment(String variable, String name) {
		String options = System.getenv(variable);
		if (options == null || options.isBlank()) {
			return List.of();
		}
		return List.of(options.strip().replace("{name}", name).split("\\s+"));
	}

	/**
	 * The {@code java} of the JVM running the benchmarks, so that every process runs on
	 * it.
	 */
	static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	String name() {
		return this.name;
	}

	/**
	 * Fails when the process has ended, saying how and how its log ends: the work
	 * directory holding the log is deleted when the run fails.
	 */
	void checkRunning() throws IOException {
		if (this.process.isAlive()) {
			return;
		}
		List<String> lines = Files.readAllLines(this.log);
		throw new IOException(this.name + " exited with status " + this.process.exitValue() + "; the end of its log:"
				+ System.lineSeparator()
				+ String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 20), lines.size())));
	}

	/** User plus system CPU time used so far, in seconds. */
	double cpuSeconds() throws IOException {
		return cpuTicks(Files.readString(Path.of("/proc", String.valueOf(this.process.pid()), "stat")))
				/ TICKS_PER_SECOND;
	}

	/**
	 * CPU time of the JIT compiler threads alive now (a thread the JVM ended when it had
	 * nothing to compile takes its time with it: an idle JIT reads low, as it should).
	 */
	double compilerCpuSeconds() throws IOException {
		long ticks = 0;
		try (DirectoryStream<Path> threads = Files
			.newDirectoryStream(Path.of("/proc", String.valueOf(this.process.pid()), "task"))) {
			for (Path thread : threads) {
				try {
					String stat = Files.readString(thread.resolve("stat"));
					String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
						ticks += cpuTicks(stat);
					}
				}
				catch (NoSuchFileException ex) {
					// the thread ended meanwhile
				}
			}
		}
		return ticks / TICKS_PER_SECOND;
	}

	/** User plus system time in a process's or a thread's {@code stat} line, in ticks. */
	private static long cpuTicks(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// after the command name: state is field 3, utime field 14 and stime field 15
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/** The most resident memory the process has had (VmHWM), in bytes. */
	long peakRssBytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(this.process.pid()), "status"))) {
			if (line.startsWith("VmHWM:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		throw new IOException("no VmHWM for " + this.name);
	}

	/**
	 * Bytes this process has had read from the disk so far ({@code read_bytes} of
	 * {@code /proc/<pid>/io}: what the page cache did not already hold, and every read
	 * with {@code O_DIRECT}).
	 */
	long diskReadBytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(this.process.pid()), "io"))) {
			if (line.startsWith("read_bytes:")) {
				return Long.parseLong(line.substring("read_bytes:".length()).trim());
			}
		}
		throw new IOException("no read_bytes for " + this.name);
	}

	@Override
	public void close() {
		stop(this.process);
	}

}
