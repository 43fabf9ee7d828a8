package dev.p2pshare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time from {@code /proc/stat}: how busy every core was between
 * two readings, whoever used it (peers, tracker, kernel). A swarm whose run kept the
 * machine near 100 % busy was bound by the CPU, not by the upload cap.
 *
 * @param busyTicks ticks spent neither idle nor waiting for I/O, summed over the cores
 * @param allTicks all ticks, summed over the cores
 */
record MachineCpu(long busyTicks, long allTicks) {

	static MachineCpu now() throws IOException {
		// cpu user nice system idle iowait irq softirq steal ...
		String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		long all = 0;
		for (int i = 1; i < fields.length && i <= 8; i++) {
			all += Long.parseLong(fields[i]);
		}
		long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
		return new MachineCpu(all - idle, all);
	}

	/** The share of all cores busy since {@code earlier}, in percent. */
	double busyPercentSince(MachineCpu earlier) {
		long all = this.allTicks - earlier.allTicks;
		return (all <= 0) ? 0 : 100.0 * (this.busyTicks - earlier.busyTicks) / all;
	}

}
