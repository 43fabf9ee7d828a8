package dev.p2pshare.agent.cli;

import dev.p2pshare.agent.download.DownloadStatus;

/** One line of text that shows a download's progress, as wide as the terminal allows. */
final class ProgressBar {

	private static final int NAME_WIDTH = 24;

	private static final int MAX_BAR = 30;

	private static final int MIN_BAR = 10;

	private ProgressBar() {
	}

	/**
	 * @param columns the terminal's width: the line takes one less, so that the cursor
	 * never wraps it
	 */
	static String render(DownloadStatus status, int columns) {
		String name = String.format("%-" + NAME_WIDTH + "s", shorten(status.fileName()));
		String message = status.message().isEmpty() ? "" : " (" + status.message() + ")";
		String details = String.format(" %3d%% %s/%s %5d/%d chunks %s/s%s %d source(s) %s%s", status.percent(),
				bytes(status.bytesDone()), bytes(status.size()), status.chunksDone(), status.chunkCount(),
				bytes(status.bytesPerSecond()), eta(status.secondsLeft()), status.sources(), status.state(), message);
		if (columns - 1 - name.length() - 3 - details.length() < MIN_BAR) {
			// a narrow terminal: chunks and sources give way to the state
			details = String.format(" %3d%% %s/%s %s/s%s %s%s", status.percent(), bytes(status.bytesDone()),
					bytes(status.size()), bytes(status.bytesPerSecond()), eta(status.secondsLeft()), status.state(),
					message);
		}
		int room = columns - 1 - name.length() - 3 - details.length();
		int width = Math.max(MIN_BAR, Math.min(MAX_BAR, room));
		int filled = status.percent() * width / 100;
		String line = name + " [" + "#".repeat(filled) + ".".repeat(width - filled) + "]" + details;
		return (line.length() < columns) ? line : line.substring(0, Math.max(0, columns - 1));
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

	/** {@code " ETA 1:05"}, {@code " ETA 2:03:15"}, or nothing while it is unknown. */
	static String eta(Long secondsLeft) {
		if (secondsLeft == null) {
			return "";
		}
		long hours = secondsLeft / 3600;
		long minutes = secondsLeft / 60 % 60;
		long seconds = secondsLeft % 60;
		return (hours > 0) ? String.format(" ETA %d:%02d:%02d", hours, minutes, seconds)
				: String.format(" ETA %d:%02d", minutes, seconds);
	}

	private static String shorten(String name) {
		return (name.length() <= NAME_WIDTH) ? name : name.substring(0, NAME_WIDTH - 3) + "...";
	}

}
