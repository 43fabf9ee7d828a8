package dev.p2pshare.agent.download;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourcesClockTests {

	private static final long REFRESH = 3_000;

	private static final long STARVED = 125;

	private static final long REPORT = 200;

	private final SourcesClock clock = new SourcesClock(REFRESH, STARVED, REPORT);

	@Test
	void aDownloadWithoutSourcesAsksAtOnceThenEveryRefresh() {
		assertThat(this.clock.askAt()).as("at once").isLessThan(System.nanoTime());
		this.clock.asked(1_000, true);
		assertThat(this.clock.askAt()).isEqualTo(4_000);
	}

	@Test
	void aStarvedDownloadAsksSoonerAndBacksOffWhileAnswersBringNothingNew() {
		this.clock.asked(1_000, true);
		this.clock.starved();
		assertThat(this.clock.askAt()).isEqualTo(1_125);
		this.clock.asked(1_125, false);
		this.clock.starved();
		assertThat(this.clock.askAt()).isEqualTo(1_375);
		this.clock.asked(1_375, false);
		this.clock.starved();
		assertThat(this.clock.askAt()).isEqualTo(1_875);
		this.clock.asked(1_875, true);
		this.clock.starved();
		assertThat(this.clock.askAt()).as("news: back to the shortest delay").isEqualTo(2_000);
	}

	@Test
	void anyRunOfEmptyAnswersKeepsTheStarvedAskAtTheRefresh() {
		// 125 ms doubled 57 times would no longer fit in a long
		for (long now = 0; now < 100; now++) {
			this.clock.asked(now, false);
			this.clock.starved();
			if (now >= 4) {
				assertThat(this.clock.askAt()).as("after %d empty answers", now + 1).isEqualTo(now + REFRESH);
			}
		}
	}

	@Test
	void holdersHeardInAReportAnswerPutOffTheStarvedAskUntilTheNextAnswerIsDueButNotTheRefresh() {
		this.clock.asked(1_000, true);
		this.clock.starved();
		this.clock.heard(1_100, true);
		assertThat(this.clock.askAt()).as("not starved since they were heard").isEqualTo(4_000);
		this.clock.starved();
		assertThat(this.clock.askAt()).isEqualTo(1_300);
		this.clock.heard(3_900, true);
		this.clock.starved();
		assertThat(this.clock.askAt()).as("FILE_LOCATIONS every refresh all the same").isEqualTo(4_000);
	}

	@Test
	void reportAnswersWithNothingNewNeitherBackOffNorReset() {
		this.clock.asked(1_000, false);
		this.clock.heard(1_100, false);
		this.clock.heard(1_200, false);
		this.clock.starved();
		assertThat(this.clock.askAt()).as("still the delay after one empty FILE_LOCATIONS").isEqualTo(1_450);
		this.clock.heard(1_300, true);
		this.clock.starved();
		assertThat(this.clock.askAt()).isEqualTo(1_500);
	}

}
