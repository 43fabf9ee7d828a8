package dev.p2pshare.agent.cli;

import dev.p2pshare.agent.download.DownloadStatus;

/** One line of text that shows a download's progress. */
final class ProgressBar {

	private static final int WIDTH = 30;

	private ProgressBar() {
	}

	static String render(DownloadStatus status) {
		int filled = status.percent() * WIDTH / 100;
		String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
		return String.format("%-24s [%s] %3d%% %s/%s %5d/%d chunks %s/s %d source(s) %s%s", shorten(status.fileName()),
				bar, status.percent(), bytes(status.bytesDone()), bytes(status.size()), status.chunksDone(),
				status.chunkCount(), bytes(status.bytesPerSecond()), status.sources(), status.state(),
				status.message().isEmpty() ? "" : " (" + status.message() + ")");
	}

	static String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		if (bytes < 1024 * 1024) {
			return String.format("%.1f KiB", bytes / 1024.0);
		}
		if (bytes < 1024L * 1024 * 1024) {
			return String.format("%.1f MiB", bytes / (1024.0 * 1024));
		}
		return String.format("%.2f GiB", bytes / (1024.0 * 1024 * 1024));
	}

	private static String shorten(String name) {
		return (name.length() <= 24) ? name : name.substring(0, 21) + "...";
	}

}
