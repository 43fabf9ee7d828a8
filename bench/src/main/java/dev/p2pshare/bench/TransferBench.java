package dev.p2pshare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * Benchmarks 3 and 5: one seed to one leech with no cap, against what the machine can do
 * with the same bytes (a plain copy through a loopback socket, and SHA-256, which a
 * verified transfer cannot beat); and the peak memory of a leech with a small heap.
 */
final class TransferBench {

	private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(10);

	private static final long POLL_MILLIS = 250;

	private final AppJar agent;

	private final Tracker tracker;

	private final Path workDirectory;

	private final Results results;

	TransferBench(AppJar agent, Tracker tracker, Path workDirectory, Results results) {
		this.agent = agent;
		this.tracker = tracker;
		this.workDirectory = workDirectory;
		this.results = results;
	}

	/**
	 * How many files the leech downloads, unmeasured, before the measured one, and their
	 * size.
	 */
	record WarmUps(int count, int mib) {
	}

	/**
	 * One seed, one leech, no cap, against a plain socket copy and SHA-256 of the file;
	 * the leech's peak memory with this heap is reported too.
	 */
	void single(int mib, String leechHeap, WarmUps warmUps) throws IOException, InterruptedException {
		String parameters = String.format(Locale.ROOT, "F=%dMiB, 1 seed -> 1 leech %s, uncapped", mib, leechHeap);
		Path directory = this.workDirectory.resolve("single");
		Path source = directory.resolve("seed/single.bin");
		String sha256 = TestFiles.random(source, mib, 11);
		// this VM writes new page-cache pages at 200 to 1,000 MiB/s from one run to the
		// next: a copy before ours and one after show the spread; the agent writes past
		// the page cache, so a copy that does too is measured as well. The fastest copy
		// is the ceiling.
		Path copy = directory.resolve("plain-copy.bin");
		double plainBefore = PlainCopy.run(source, copy, false).seconds();
		Transfer transfer = transfer(directory, source, sha256, List.of(leechHeap), warmUps);
		double ours = transfer.seconds();
		double plainAfter = PlainCopy.run(source, copy, false).seconds();
		PlainCopy direct = PlainCopy.run(source, copy, true);
		double plainDirect = direct.seconds();
		double hashing = PlainCopy.hashSeconds(source);
		this.results.add("single-transfer", parameters, "p2p-share download", mib / ours, "MiB/s");
		this.results.add("single-transfer", parameters, "plain loopback socket copy, before ours", mib / plainBefore,
				"MiB/s");
		this.results.add("single-transfer", parameters, "plain loopback socket copy, after ours", mib / plainAfter,
				"MiB/s");
		this.results.add("single-transfer", parameters, "plain copy written with O_DIRECT, after ours",
				mib / plainDirect, "MiB/s");
		this.results.add("single-transfer", parameters, "SHA-256 of the file (one core)", mib / hashing, "MiB/s");
		this.results.add("single-transfer", parameters, "ours / faster plain copy through the page cache",
				Math.min(plainBefore, plainAfter) / ours, "x");
		this.results.add("single-transfer", parameters, "ours / fastest plain copy",
				Math.min(Math.min(plainBefore, plainAfter), plainDirect) / ours, "x");
		// what the ceiling itself costs: a verified transfer needs this and SHA-256
		this.results.add("single-transfer", parameters, "CPU per MiB of the O_DIRECT copy (both ends)",
				1000 * direct.cpuSeconds() / mib, "ms");
		this.results.add("single-transfer", parameters, "seed CPU per MiB", 1000 * transfer.seedCpu() / mib, "ms");
		this.results.add("single-transfer", parameters, "leech CPU per MiB", 1000 * transfer.leechCpu() / mib, "ms");
		this.results.add("single-transfer", parameters, "machine CPU busy", transfer.machineBusyPercent(), "%");
		this.results.add("single-transfer", parameters, "of it the agents' JIT compilers", transfer.jitPercent(), "%");
		this.results.add("single-transfer", parameters, "leech disk reads while downloading",
				transfer.leechDiskReads() / (double) TestFiles.MIB, "MiB");
		this.results.add("single-transfer", parameters, "seed disk reads while uploading",
				transfer.seedDiskReads() / (double) TestFiles.MIB, "MiB");
		this.results.add("single-transfer", parameters, "leech peak RSS (VmHWM)",
				transfer.peakRss() / (double) TestFiles.MIB, "MiB");
	}

	/** Peak resident memory of a leech with {@code -Xmx256m} downloading a large file. */
	void memory(int mib, WarmUps warmUps) throws IOException, InterruptedException {
		String parameters = String.format(Locale.ROOT, "F=%dMiB, leech -Xmx256m", mib);
		Path directory = this.workDirectory.resolve("memory");
		Path source = directory.resolve("seed/large.bin");
		String sha256 = TestFiles.random(source, mib, 13);
		Transfer transfer = transfer(directory, source, sha256, List.of("-Xmx256m"), warmUps);
		this.results.add("memory", parameters, "leech peak RSS (VmHWM)", transfer.peakRss() / (double) TestFiles.MIB,
				"MiB");
		this.results.add("memory", parameters, "download", mib / transfer.seconds(), "MiB/s");
		this.results.add("memory", parameters, "leech disk reads while downloading",
				transfer.leechDiskReads() / (double) TestFiles.MIB, "MiB");
	}

	/**
	 * What one measured transfer took: its {@link Pass}, and what the seed and the leech
	 * spent on it.
	 */
	private record Transfer(double seconds, long peakRss, double seedCpu, double leechCpu, long leechDiskReads,
			long seedDiskReads, double machineBusyPercent, double jitPercent) {
	}

	private Transfer transfer(Path directory, Path source, String sha256, List<String> leechJvm, WarmUps warmUps)
			throws IOException, InterruptedException {
		String name = source.getFileName().toString();
		// names of their own on the shared tracker, as every swarm file has
		List<String> warmUpFiles = new ArrayList<>();
		for (int i = 1; i <= warmUps.count(); i++) {
			String warmUp = directory.getFileName() + "-warm-up-" + i + ".bin";
			TestFiles.random(source.resolveSibling(warmUp), warmUps.mib(), 16 + i);
			warmUpFiles.add(warmUp);
		}
		// the peak memory counts the class-data archive's pages: started as users start
		// it
		try (Swarm swarm = new Swarm(this.agent.asBuilt(), this.tracker, directory)) {
			swarm.seed(source.getParent(), name, List.of("-Xmx512m"), List.of("--peer.chunk-size=1MB"));
			Swarm.Peer leech = swarm.leeches(1, leechJvm, List.of()).get(0);
			try {
				warmUp(swarm, leech, warmUpFiles, warmUps.mib());
				return measure(swarm, leech, name, sha256);
			}
			finally {
				// gigabytes each, twice: not left on the disk for the benchmarks after
				for (String warmUp : warmUpFiles) {
					Files.deleteIfExists(source.resolveSibling(warmUp));
					Files.deleteIfExists(leech.shareDir().resolve(warmUp));
				}
			}
		}
	}

	/**
	 * Agents run for days: they are measured warm, not while the JIT compiles the
	 * transfer path. Files as large as the measured one, since a longer file runs the
	 * download's loops past thresholds that smaller ones do not reach (bench/README.md,
	 * 2026-12-06, day). Says how long the first and the last took, and how much of the
	 * machine the agents' JIT compilers took in them.
	 */
	private static void warmUp(Swarm swarm, Swarm.Peer leech, List<String> files, int mib)
			throws IOException, InterruptedException {
		if (files.isEmpty()) {
			return;
		}
		long started = System.nanoTime();
		Pass first = null;
		Pass last = null;
		for (String file : files) {
			last = download(swarm, leech, file);
			first = (first != null) ? first : last;
		}
		System.out.printf(Locale.ROOT,
				"  warmed up with %d file%s of %d MiB in %.0f s: the first took %.2f s (the agents' JIT compilers %.0f %%"
						+ " of the machine), the last %.2f s (%.0f %%)%n",
				files.size(), (files.size() == 1) ? "" : "s", mib, (System.nanoTime() - started) / 1e9, first.seconds(),
				first.jitPercent(), last.seconds(), last.jitPercent());
	}

	private static Transfer measure(Swarm swarm, Swarm.Peer leech, String name, String sha256)
			throws IOException, InterruptedException {
		double seedCpu = swarm.seed().process().cpuSeconds();
		double leechCpu = leech.process().cpuSeconds();
		long leechDiskReads = leech.process().diskReadBytes();
		long seedDiskReads = swarm.seed().process().diskReadBytes();
		Pass pass = download(swarm, leech, name);
		seedCpu = swarm.seed().process().cpuSeconds() - seedCpu;
		leechCpu = leech.process().cpuSeconds() - leechCpu;
		leechDiskReads = leech.process().diskReadBytes() - leechDiskReads;
		seedDiskReads = swarm.seed().process().diskReadBytes() - seedDiskReads;
		long peakRss = leech.process().peakRssBytes();
		if (!TestFiles.sha256(leech.shareDir().resolve(name)).equals(sha256)) {
			throw new IOException("the leech's " + name + " does not match the seed's");
		}
		return new Transfer(pass.seconds(), peakRss, seedCpu, leechCpu, leechDiskReads, seedDiskReads,
				pass.machineBusyPercent(), pass.jitPercent());
	}

	/**
	 * One download, timed by the leech's own status.
	 *
	 * @param machineBusyPercent how busy the machine's cores were, from the request to
	 * the poll that saw the download complete
	 * @param jitPercent the share of the machine the seed's and the leech's JIT compilers
	 * took meanwhile
	 */
	private record Pass(double seconds, double machineBusyPercent, double jitPercent) {
	}

	private static Pass download(Swarm swarm, Swarm.Peer leech, String name) throws IOException, InterruptedException {
		double compiling = swarm.compilerCpuSeconds();
		MachineCpu cpuAtStart = MachineCpu.now();
		long polledFrom = System.nanoTime();
		Instant started = Instant.now();
		JsonNode completed = awaitComplete(swarm, leech, name);
		double polledSeconds = (System.nanoTime() - polledFrom) / 1e9;
		double machineBusy = MachineCpu.now().busyPercentSince(cpuAtStart);
		return new Pass(SwarmBench.secondsSince(started, completed), machineBusy,
				swarm.compilerPercentSince(compiling, polledSeconds));
	}

	/**
	 * Asks for a download and waits for it, polling seldom: the leech's status says when
	 * it finished.
	 * @return the status of the completed download
	 */
	private static JsonNode awaitComplete(Swarm swarm, Swarm.Peer leech, String name)
			throws IOException, InterruptedException {
		long started = System.nanoTime();
		swarm.download(leech, name);
		while (true) {
			TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
			JsonNode status = swarm.status(leech, name);
			String state = status.get("state").asString();
			if (state.equals("COMPLETE")) {
				return status;
			}
			if (!state.equals("DOWNLOADING") && !state.equals("VERIFYING")
					|| System.nanoTime() - started > TIMEOUT_NANOS) {
				throw new IOException("the download of " + name + " ended " + state);
			}
		}
	}

}
