package dev.p2pshare.agent.tracker;

import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

	private static final Duration MIN = Duration.ofMillis(500);

	private static final Duration MAX = Duration.ofSeconds(15);

	@Test
	void agentsThatFailTogetherRetryAtSpreadInstants() {
		LongSummaryStatistics first = spread((backoff) -> backoff.next());
		System.out.println("first retry of 200 agents, ms: " + first);
		assertThat(first.getMin()).isGreaterThanOrEqualTo(MIN.toMillis());
		assertThat(first.getMax()).isLessThanOrEqualTo(MIN.toMillis() * 3 / 2);
		assertThat(first.getMax() - first.getMin()).as("the first retries' spread, ms").isGreaterThan(125);

		LongSummaryStatistics atCeiling = spread((backoff) -> {
			for (int i = 0; i < 20; i++) {
				backoff.next();
			}
			return backoff.next();
		});
		System.out.println("21st retry of 200 agents, ms: " + atCeiling);
		assertThat(atCeiling.getMax()).isLessThanOrEqualTo(MAX.toMillis());
		assertThat(atCeiling.getMax() - atCeiling.getMin()).as("the spread at the ceiling, ms").isGreaterThan(2_000);
	}

	@Test
	void theDelayGrowsAfterEachFailureAndStartsOverAfterASuccess() {
		Backoff backoff = new Backoff(MIN, MAX);
		long first = backoff.next().toMillis();
		backoff.next();
		backoff.next();
		long fourth = backoff.next().toMillis();
		assertThat(fourth).as("the fourth delay, 4 s +- 2 s").isBetween(2_000L, 6_000L).isGreaterThan(first);
		backoff.reset();
		assertThat(backoff.next().toMillis()).isBetween(MIN.toMillis(), MIN.toMillis() * 3 / 2);
	}

	private static LongSummaryStatistics spread(Function<Backoff, Duration> delay) {
		return IntStream.range(0, 200)
			.mapToLong((agent) -> delay.apply(new Backoff(MIN, MAX)).toMillis())
			.summaryStatistics();
	}

}
