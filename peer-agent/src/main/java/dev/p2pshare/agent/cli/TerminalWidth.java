package dev.p2pshare.agent.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The attached terminal's width in columns, which the JDK does not tell: asked of
 * {@code stty} where there is one, else {@code $COLUMNS}, else 80.
 */
final class TerminalWidth {

	private static final int FALLBACK = 80;

	private TerminalWidth() {
	}

	static int columns() {
		File tty = new File("/dev/tty");
		if (tty.exists()) {
			try {
				Process stty = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.from(tty))
					.redirectError(ProcessBuilder.Redirect.DISCARD)
					.start();
				String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
				if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0) {
					return parse(answer.substring(answer.indexOf(' ') + 1));
				}
			}
			catch (IOException ex) {
				// no stty: fall back
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return parse(System.getenv("COLUMNS"));
	}

	private static int parse(String columns) {
		try {
			int value = Integer.parseInt(columns.strip());
			return (value > 0) ? value : FALLBACK;
		}
		catch (RuntimeException ex) {
			return FALLBACK;
		}
	}

}
