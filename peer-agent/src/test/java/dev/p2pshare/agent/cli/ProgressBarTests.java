package dev.p2pshare.agent.cli;

import java.util.Map;

import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTests {

	private static final DownloadStatus HALF_WAY = new DownloadStatus("movie.bin", DownloadState.DOWNLOADING,
			100L * 1024 * 1024, 100, 50, 0, 50L * 1024 * 1024, 50, 2L * 1024 * 1024, 25L, null, null, 3, 0, 4, Map.of(),
			"");

	@Test
	void aWideTerminalGetsTheFullBarWithTheTimeLeft() {
		String line = ProgressBar.render(HALF_WAY, 200);
		assertThat(line).isEqualTo("movie.bin                [###############...............]  50% 50.0 MiB/100.0 MiB"
				+ "    50/100 chunks 2.0 MiB/s ETA 0:25 3 source(s) DOWNLOADING");
	}

	@Test
	void aNarrowTerminalGetsAShorterBarAndNeverAWrappedLine() {
		for (int columns : new int[] { 120, 100, 80, 40 }) {
			String line = ProgressBar.render(HALF_WAY, columns);
			assertThat(line.length()).as("a line for %d columns", columns).isLessThan(columns);
			assertThat(line).startsWith("movie.bin").contains("[#####");
		}
		assertThat(ProgressBar.render(HALF_WAY, 130)).endsWith("ETA 0:25 3 source(s) DOWNLOADING");
		assertThat(ProgressBar.render(HALF_WAY, 100)).endsWith("50.0 MiB/100.0 MiB 2.0 MiB/s ETA 0:25 DOWNLOADING");
	}

	@Test
	void theTimeLeftReadsAsAClock() {
		assertThat(ProgressBar.eta(null)).isEmpty();
		assertThat(ProgressBar.eta(65L)).isEqualTo(" ETA 1:05");
		assertThat(ProgressBar.eta(2 * 3600 + 3 * 60 + 15L)).isEqualTo(" ETA 2:03:15");
	}

}
