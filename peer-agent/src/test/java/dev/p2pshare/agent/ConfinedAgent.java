package dev.p2pshare.agent;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * An agent process whose share directory is a small file system of its own: a tmpfs of a
 * given size, mounted in a private mount namespace ({@code unshare}), so a test can fill
 * it up, or make it read-only under the running agent, without touching the machine's
 * disks. The test sees the agent's files through {@code /proc/<pid>/root}.
 */
final class ConfinedAgent implements AutoCloseable {

	/**
	 * Mounts the tmpfs over the share directory, copies the preloaded files in, starts
	 * the agent, and when the trigger file appears puts a read-only view of the same
	 * tmpfs over it: the agent still reads every file, and files it already has open stay
	 * writable (a tmpfs with open writers cannot be remounted read-only), but nothing can
	 * be created, renamed or opened for writing any more.
	 */
	private static final String SCRIPT = """
			set -e
			share=$1; size=$2; preload=$3; trigger=$4; shift 4
			mount -t tmpfs -o size="$size" p2p-share-test "$share"
			cp -R "$preload"/. "$share"/
			# from here on this shell must outlive the agent, or the test loses track of it
			set +e
			"$@" &
			agent=$!
			trap 'kill $agent 2>/dev/null' TERM INT
			while kill -0 "$agent" 2>/dev/null; do
				if [ -e "$trigger" ]; then
					mount --bind "$share" "$share"
					mount -o remount,bind,ro "$share"
					rm -f "$trigger"
				fi
				sleep 0.1
			done
			wait "$agent"
			""";

	private final Process process;

	private final Path shareDir;

	private final Path trigger;

	private final AgentApi api;

	private ConfinedAgent(Process process, Path shareDir, Path trigger, int httpPort) {
		this.process = process;
		this.shareDir = shareDir;
		this.trigger = trigger;
		this.api = new AgentApi(httpPort);
	}

	/**
	 * Whether this machine lets the test mount a file system in a namespace of its own.
	 */
	static boolean available() {
		try {
			Process probe = new ProcessBuilder(unshare("sh", "-c",
					"d=$(mktemp -d) && mount -t tmpfs -o size=1m probe \"$d\" && umount \"$d\"; r=$?; rmdir \"$d\"; exit $r"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Starts the agent on a share directory of {@code size} (tmpfs syntax: {@code 6m})
	 * holding a copy of {@code preload}, and waits until its API answers.
	 */
	static ConfinedAgent start(Path root, String size, Path preload, URI tracker, String... properties)
			throws IOException {
		Path shareDir = Files.createDirectories(root.resolve("confined-share"));
		Path trigger = root.resolve("make-read-only");
		int httpPort = TrackerProcess.freePort();
		List<String> agent = Agent.processCommand("--server.port=" + httpPort, "--peer.share-dir=" + shareDir,
				"--peer.tracker-url=" + tracker, "--peer.rescan-interval=1s",
				"--peer.transfer.locations-refresh=500ms");
		agent.addAll(List.of(properties));
		List<String> command = unshare("sh", "-c", SCRIPT, "sh", shareDir.toString(), size, preload.toString(),
				trigger.toString());
		command.addAll(agent);
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(root.resolve("confined-agent.log").toFile())
			.start();
		ConfinedAgent confined = new ConfinedAgent(process, shareDir, trigger, httpPort);
		try {
			confined.api.awaitReady(Duration.ofSeconds(90));
		}
		catch (RuntimeException ex) {
			confined.close();
			throw ex;
		}
		return confined;
	}

	/** A file in the agent's share directory, as the agent sees it. */
	Path file(String relative) {
		long pid = this.process.descendants()
			.filter((child) -> child.info().command().orElse("").endsWith("java"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("The agent is not running"))
			.pid();
		return Path.of("/proc/" + pid + "/root").resolve(this.shareDir.toString().substring(1)).resolve(relative);
	}

	/**
	 * Puts a read-only view of the share directory over it, under the running agent, and
	 * waits until nothing can be created there.
	 */
	void makeShareDirReadOnly() throws IOException {
		Files.createFile(this.trigger);
		await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(this.trigger));
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			try {
				Files.createFile(file("probe"));
				return false;
			}
			catch (IOException ex) {
				return true;
			}
		});
	}

	AgentApi api() {
		return this.api;
	}

	@Override
	public void close() {
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		try {
			if (this.process.waitFor(30, TimeUnit.SECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
	}

	/**
	 * As root a mount namespace is enough; otherwise a user namespace maps us to root.
	 */
	private static List<String> unshare(String... command) {
		boolean root = "root".equals(System.getProperty("user.name"));
		List<String> line = new ArrayList<>(root ? List.of("unshare", "--mount", "--propagation", "private")
				: List.of("unshare", "--map-root-user", "--mount"));
		line.addAll(List.of(command));
		return line;
	}

}
