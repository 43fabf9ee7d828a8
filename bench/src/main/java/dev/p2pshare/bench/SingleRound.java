package dev.p2pshare.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One round of the single transfer: our download of a file and the plain copies of that
 * file right after it.
 *
 * @param ours our download's MiB/s
 * @param pageCache the plain copy's through the page cache, right after
 * @param direct the plain copy's written with {@code O_DIRECT}, after that
 * @param directCpuMsPerMib what that copy cost both its ends
 * @param transfer what our download cost the seed and the leech
 */
record SingleRound(double ours, double pageCache, double direct, double directCpuMsPerMib,
		TransferBench.Transfer transfer) {

	/** Ours against the faster of the round's copies, its ceiling. */
	double ofFastest() {
		return this.ours / Math.max(this.pageCache, this.direct);
	}

	static double median(List<SingleRound> rounds, ToDoubleFunction<SingleRound> metric) {
		double[] values = rounds.stream().mapToDouble(metric).sorted().toArray();
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

}
