package dev.p2pshare.agent.tracker;

import java.time.Duration;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A retry delay that doubles after each failure, up to a ceiling, and resets on success.
 * Each delay is drawn at random from half of it below to half above (within the floor and
 * the ceiling), so that agents that lost the same tracker do not all come back at the
 * same instants.
 */
public final class Backoff {

	private final ExponentialBackOff policy;

	private BackOffExecution execution;

	public Backoff(Duration min, Duration max) {
		this.policy = new ExponentialBackOff(min.toMillis(), 2);
		this.policy.setMaxInterval(max.toMillis());
		this.policy.setJitter(Math.max(1, min.toMillis() / 2));
		this.execution = this.policy.start();
	}

	/** The delay before the next attempt. */
	public Duration next() {
		return Duration.ofMillis(this.execution.nextBackOff());
	}

	void reset() {
		this.execution = this.policy.start();
	}

}
