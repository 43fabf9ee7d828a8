package dev.p2pshare.agent.protocol;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Caps bytes per second for everything that shares it (all uploads, or all downloads, of
 * one agent). It is the generic cell rate algorithm: each acquisition books the time its
 * bytes take at the rate, and waits while the bookings run more than a tenth of a second
 * ahead of the clock. The rate can change while it is in use.
 */
public final class RateLimiter {

	/** Sleeps for a number of nanoseconds. */
	@FunctionalInterface
	public interface Sleeper {

		void sleep(long nanos) throws InterruptedException;

	}

	private static final long BURST_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	/** Read without the lock, so that no limit costs nothing. */
	private volatile long bytesPerSecond;

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

	/** The rate in bytes per second; 0 means no limit. */
	public long rate() {
		return this.bytesPerSecond;
	}

	/**
	 * Changes the rate; 0 or less means no limit. What was booked at the old rate is
	 * forgotten, and waits already begun run out.
	 */
	public synchronized void setRate(long bytesPerSecond) {
		this.bytesPerSecond = Math.max(0, bytesPerSecond);
		this.bookedUntil = this.clock.getAsLong();
	}

	/** Waits until these bytes may be sent or received. */
	public void acquire(long bytes) throws InterruptedException {
		if (bytes <= 0 || !isLimited()) {
			return;
		}
		long wait;
		synchronized (this) {
			long rate = this.bytesPerSecond;
			if (rate <= 0) {
				return;
			}
			long now = this.clock.getAsLong();
			long start = Math.max(this.bookedUntil, now);
			this.bookedUntil = start + (long) (bytes * 1_000_000_000.0 / rate);
			wait = this.bookedUntil - BURST_NANOS - now;
		}
		if (wait > 0) {
			this.sleeper.sleep(wait);
		}
	}

}
