package dev.p2pshare.bench;

import java.util.concurrent.Callable;

/**
 * What some work returned, the CPU time a process used meanwhile (NaN when no process is
 * named), and the share of it the process's JIT compilers took (NaN likewise).
 */
record Measured<T>(T value, double cpuSeconds, double jitPercent) {

	static <T> Measured<T> of(JavaProcess process, Callable<T> work) throws Exception {
		if (process == null) {
			return new Measured<>(work.call(), Double.NaN, Double.NaN);
		}
		double cpu = process.cpuSeconds();
		double compiling = process.compilerCpuSeconds();
		T value = work.call();
		double used = process.cpuSeconds() - cpu;
		// a compiler thread that ended takes its time with it
		double compiled = Math.max(0, process.compilerCpuSeconds() - compiling);
		return new Measured<>(value, used, (used > 0) ? 100 * compiled / used : 0);
	}

}
