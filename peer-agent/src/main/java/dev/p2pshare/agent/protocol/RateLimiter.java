package dev.p2pshare.agent.protocol;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Caps bytes per second for everything that shares it (all uploads, or all downloads, of
 * one agent). It is the generic cell rate algorithm: each acquisition books the time its
 * bytes take at the rate, and waits while the bookings run more than a tenth of a second
 * ahead of the clock.
 */
public final class RateLimiter {

	/** Sleeps for a number of nanoseconds. */
	@FunctionalInterface
	public interface Sleeper {

		void sleep(long nanos) throws InterruptedException;

	}

	private static final long BURST_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final long bytesPerSecond;

	private final LongSupplier clock;

	private final Sleeper sleeper;

	private long bookedUntil;

	private RateLimiter(long bytesPerSecond, LongSupplier clock, Sleeper sleeper) {
		this.bytesPerSecond = bytesPerSecond;
		this.clock = clock;
		this.sleeper = sleeper;
		this.bookedUntil = clock.getAsLong();
	}

	/** A limiter at this rate; 0 or less means no limit. */
	public static RateLimiter of(long bytesPerSecond) {
		return new RateLimiter(bytesPerSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
	}

	/** A limiter on another clock, for tests. */
	public static RateLimiter of(long bytesPerSecond, LongSupplier clock, Sleeper sleeper) {
		return new RateLimiter(bytesPerSecond, clock, sleeper);
	}

	public boolean isLimited() {
		return this.bytesPerSecond > 0;
	}

	/** Waits until these bytes may be sent or received. */
	public void acquire(long bytes) throws InterruptedException {
		if (!isLimited() || bytes <= 0) {
			return;
		}
		long wait;
		synchronized (this) {
			long now = this.clock.getAsLong();
			long start = Math.max(this.bookedUntil, now);
			this.bookedUntil = start + (long) (bytes * 1_000_000_000.0 / this.bytesPerSecond);
			wait = this.bookedUntil - BURST_NANOS - now;
		}
		if (wait > 0) {
			this.sleeper.sleep(wait);
		}
	}

}
