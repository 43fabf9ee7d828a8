package dev.p2pshare.agent.tracker;

import java.time.Duration;

/**
 * A retry delay that doubles after each failure, up to a ceiling, and resets on success.
 */
final class Backoff {

	private final Duration min;

	private final Duration max;

	private Duration current;

	Backoff(Duration min, Duration max) {
		this.min = min;
		this.max = max;
		this.current = min;
	}

	/** The delay before the next attempt; the one after will be twice as long. */
	Duration next() {
		Duration delay = this.current;
		Duration doubled = this.current.multipliedBy(2);
		this.current = (doubled.compareTo(this.max) > 0) ? this.max : doubled;
		return delay;
	}

	void reset() {
		this.current = this.min;
	}

}
