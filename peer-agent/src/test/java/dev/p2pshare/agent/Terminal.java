package dev.p2pshare.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal, as a user has one: a tmux session on a socket of its own runs a
 * command on a pseudo-terminal, keys are typed into it, and the screen is read back as
 * the user would see it (carriage returns and erased lines applied).
 */
final class Terminal implements AutoCloseable {

	private static final String SESSION = "p2p";

	private final Path socket;

	private Terminal(Path socket) {
		this.socket = socket;
	}

	/**
	 * Runs {@code command} in a terminal of 200 columns; when it ends, the screen keeps
	 * its last output and a line {@code [exited N]}.
	 */
	static Terminal run(Path socket, List<String> command) throws IOException, InterruptedException {
		Terminal terminal = new Terminal(socket);
		String shell = String.join(" ", command.stream().map(Terminal::quoted).toList())
				+ "; echo \"[exited $?]\"; sleep 3600";
		terminal.tmux("new-session", "-d", "-s", SESSION, "-x", "200", "-y", "50", "sh", "-c", shell);
		terminal.tmux("set-option", "-t", SESSION, "history-limit", "10000");
		return terminal;
	}

	/** Types a line and presses Enter. */
	void typeLine(String text) throws IOException, InterruptedException {
		tmux("send-keys", "-t", SESSION, "-l", text);
		tmux("send-keys", "-t", SESSION, "Enter");
	}

	/** Everything on the screen and in its scroll-back, wrapped lines joined. */
	String screen() throws IOException, InterruptedException {
		return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", SESSION);
	}

	/**
	 * Waits until the screen shows what the test expects; fails with the screen if not.
	 */
	String awaitScreen(String what, Predicate<String> shown, Duration patience)
			throws IOException, InterruptedException {
		long deadline = System.nanoTime() + patience.toNanos();
		String screen = screen();
		while (!shown.test(screen)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(
						"The terminal did not show " + what + " within " + patience + "; its screen:\n" + screen);
			}
			TimeUnit.MILLISECONDS.sleep(100);
			screen = screen();
		}
		return screen;
	}

	@Override
	public void close() throws IOException, InterruptedException {
		tmux("kill-server");
	}

	private String tmux(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("tmux", "-S", this.socket.toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(10, TimeUnit.SECONDS) || (process.exitValue() != 0 && !args[0].equals("kill-server"))) {
			throw new IOException("tmux " + String.join(" ", args) + " failed: " + output);
		}
		return output;
	}

	private static String quoted(String word) {
		return "'" + word.replace("'", "'\\''") + "'";
	}

}
