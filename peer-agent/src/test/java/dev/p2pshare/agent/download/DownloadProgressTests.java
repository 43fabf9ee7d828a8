package dev.p2pshare.agent.download;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DownloadProgressTests {

	private static final int MIB = 1024 * 1024;

	private final AtomicLong nanos = new AtomicLong(TimeUnit.HOURS.toNanos(5));

	@Test
	void aDownloadResumedAt90PercentShowsTheRateAndTimeLeftOfThisRunOnly() {
		DownloadProgress progress = new DownloadProgress(100L * MIB, 90, 90L * MIB, this.nanos::get);
		assertThat(progress.secondsLeft()).as("unknown before a byte arrives").isNull();
		assertThat(progress.bytesPerSecond()).isZero();

		tick(1_000);
		progress.chunkArrived("peer-a", MIB);
		tick(1_000);
		progress.chunkArrived("peer-a", MIB);

		assertThat(progress.bytesDone()).isEqualTo(92L * MIB);
		assertThat(progress.bytesPerSecond()).as("2 MiB in 2 s, not 92").isEqualTo(MIB);
		assertThat(progress.secondsLeft()).as("8 MiB left at 1 MiB/s").isEqualTo(8);
	}

	@Test
	void theTimeLeftRoundsUpIsZeroWhenAllIsHereAndUnknownOnceEnded() {
		DownloadProgress progress = new DownloadProgress(10L * MIB, 0, 0, this.nanos::get);
		tick(3_000);
		progress.chunkArrived("peer-a", 3 * MIB);
		assertThat(progress.secondsLeft()).as("7 MiB at 1 MiB/s").isEqualTo(7);
		tick(500);
		assertThat(progress.secondsLeft()).as("7 MiB at 3/3.5 MiB/s is 8.2 s").isEqualTo(9);
		progress.chunkArrived("peer-b", 7 * MIB);
		assertThat(progress.secondsLeft()).isZero();
		assertThat(progress.chunksBySource()).containsEntry("peer-a", 1).containsEntry("peer-b", 1);
		progress.finished();
		tick(60_000);
		assertThat(progress.secondsLeft()).isNull();
		assertThat(progress.elapsedMillis()).as("the clock stopped at the end").isEqualTo(3_500);
	}

	private void tick(long millis) {
		this.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
	}

}
