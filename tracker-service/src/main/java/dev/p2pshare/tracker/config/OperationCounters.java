package dev.p2pshare.tracker.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The {@code tracker.operations} counters, one per protocol operation. */
public final class OperationCounters {

	private OperationCounters() {
	}

	/** The counter of successful operations of one kind, for example {@code register}. */
	public static Counter of(MeterRegistry meters, String operation) {
		return Counter.builder("tracker.operations")
			.description("Operations that succeeded, by kind")
			.tag("operation", operation)
			.register(meters);
	}

}
