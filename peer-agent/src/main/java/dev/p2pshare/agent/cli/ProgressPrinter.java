package dev.p2pshare.agent.cli;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

import dev.p2pshare.agent.download.DownloadManager;
import dev.p2pshare.agent.download.DownloadStatus;

/**
 * Draws a download's progress bar until it ends: redrawn in place on a terminal, and on
 * anything else (a log file, a pipe) a line every few seconds and the last one.
 */
final class ProgressPrinter {

	private static final long LINE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);

	private ProgressPrinter() {
	}

	/**
	 * @return the download's last status, once it no longer runs
	 */
	static DownloadStatus follow(DownloadManager downloads, DownloadStatus first, PrintWriter out, boolean terminal)
			throws InterruptedException {
		int columns = TerminalWidth.columns();
		DownloadStatus status = first;
		long lastLine = System.nanoTime() - LINE_EVERY_NANOS;
		while (true) {
			boolean running = DownloadOnStart.isRunning(status);
			if (terminal) {
				// carriage return, the bar, then erase whatever a longer earlier line
				// left
				out.print("\r" + ProgressBar.render(status, columns) + "\u001B[K");
				out.flush();
			}
			else if (!running || System.nanoTime() - lastLine >= LINE_EVERY_NANOS) {
				out.println(ProgressBar.render(status, columns));
				out.flush();
				lastLine = System.nanoTime();
			}
			if (!running) {
				break;
			}
			TimeUnit.MILLISECONDS.sleep(250);
			status = downloads.status(status.fileName()).orElse(status);
		}
		if (terminal) {
			out.println();
		}
		return status;
	}

}
