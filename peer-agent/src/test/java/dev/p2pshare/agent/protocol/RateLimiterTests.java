package dev.p2pshare.agent.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

	private long now = 0;

	private final List<Long> sleeps = new ArrayList<>();

	private final RateLimiter limiter = RateLimiter.of(1_000_000, () -> this.now, (nanos) -> {
		this.sleeps.add(nanos);
		this.now += nanos;
	});

	@Test
	void aBurstOfATenthOfASecondPassesWithoutWaiting() throws InterruptedException {
		this.limiter.acquire(100_000);
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void sustainedTrafficIsPacedAtTheRate() throws InterruptedException {
		for (int i = 0; i < 50; i++) {
			this.limiter.acquire(100_000);
		}
		// 5 MB at 1 MB/s take 5 s, less the 0.1 s burst allowance
		assertThat(this.now).isEqualTo(TimeUnit.MILLISECONDS.toNanos(4900));
	}

	@Test
	void idleTimeIsNotSavedUpBeyondTheBurst() throws InterruptedException {
		this.now = TimeUnit.SECONDS.toNanos(60);
		for (int i = 0; i < 10; i++) {
			this.limiter.acquire(100_000);
		}
		assertThat(this.now - TimeUnit.SECONDS.toNanos(60)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
	}

	@Test
	void noRateMeansNoLimit() throws InterruptedException {
		RateLimiter unlimited = RateLimiter.of(0, () -> this.now, (nanos) -> this.sleeps.add(nanos));
		unlimited.acquire(Long.MAX_VALUE / 2);
		assertThat(unlimited.isLimited()).isFalse();
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void aNewRatePacesWhatComesAfterIt() throws InterruptedException {
		for (int i = 0; i < 10; i++) {
			this.limiter.acquire(100_000);
		}
		assertThat(this.now).isEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
		this.limiter.setRate(2_000_000);
		assertThat(this.limiter.rate()).isEqualTo(2_000_000);
		for (int i = 0; i < 20; i++) {
			this.limiter.acquire(100_000);
		}
		// 2 MB at 2 MB/s take 1 s, less the burst allowance again
		assertThat(this.now).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1800));
	}

	@Test
	void settingNoRateLiftsTheLimitAndSettingOneBringsItBack() throws InterruptedException {
		this.limiter.setRate(0);
		this.limiter.acquire(Long.MAX_VALUE / 2);
		assertThat(this.limiter.isLimited()).isFalse();
		assertThat(this.sleeps).isEmpty();
		this.limiter.setRate(1_000_000);
		for (int i = 0; i < 11; i++) {
			this.limiter.acquire(100_000);
		}
		assertThat(this.now).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1000));
	}

}
