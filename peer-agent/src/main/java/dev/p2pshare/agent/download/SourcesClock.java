package dev.p2pshare.agent.download;

/**
 * When a download asks the tracker for its sources again: every {@code refresh}, and
 * sooner while the known sources hold nothing more to fetch: {@code starved} after their
 * holdings were last heard, from FILE_LOCATIONS or from the answer to a chunk report, but
 * not while the next report's answer is due. The starved delay doubles after every
 * FILE_LOCATIONS with nothing new in it, up to {@code refresh}: a leech whose one source
 * is busy would otherwise ask all download long. Answers to chunk reports cost no request
 * of their own, so they never double it.
 */
final class SourcesClock {

	private final long refreshNanos;

	private final long starvedNanos;

	private final long reportNanos;

	private long starvedDelay;

	private long heardAt = Long.MIN_VALUE / 2;

	private long askAt = Long.MIN_VALUE / 2;

	private long reportDueBy = Long.MIN_VALUE;

	private boolean starved;

	/**
	 * @param refreshNanos how often FILE_LOCATIONS is asked in any case
	 * @param starvedNanos how soon after the holdings were last heard it is asked while
	 * starved
	 * @param reportNanos how soon after a report's answer the next one is expected
	 */
	SourcesClock(long refreshNanos, long starvedNanos, long reportNanos) {
		this.refreshNanos = refreshNanos;
		this.starvedNanos = starvedNanos;
		this.reportNanos = reportNanos;
		this.starvedDelay = starvedNanos;
	}

	/**
	 * FILE_LOCATIONS was asked at {@code now}.
	 * @param news whether its answer held a missing chunk not known before
	 */
	void asked(long now, boolean news) {
		this.starvedDelay = news ? this.starvedNanos
				: Math.min(this.refreshNanos, Math.max(this.starvedNanos, 2 * this.starvedDelay));
		this.heardAt = now;
		this.askAt = now + this.refreshNanos;
		this.starved = false;
	}

	/**
	 * The holders came with the answer to a chunk report at {@code now}.
	 * @param news whether they held a missing chunk not known before
	 */
	void heard(long now, boolean news) {
		if (news) {
			this.starvedDelay = this.starvedNanos;
		}
		this.heardAt = now;
		this.reportDueBy = now + this.reportNanos;
		this.starved = false;
	}

	/** Workers are idle because the known sources hold nothing more to fetch. */
	void starved() {
		this.starved = true;
	}

	/** When to ask next, on the {@link System#nanoTime()} clock. */
	long askAt() {
		if (!this.starved) {
			return this.askAt;
		}
		return Math.min(this.askAt, Math.max(this.heardAt + this.starvedDelay, this.reportDueBy));
	}

}
