package dev.p2pshare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
	 * How many files the leech downloads, unmeasured, before the measured ones, and their
	 * size.
	 */
	record WarmUps(int count, int mib) {
	}

	/**
	 * One seed, one leech, no cap, against a plain socket copy and SHA-256 of the file,
	 * in rounds: each downloads a file of its own and copies it plainly right after, and
	 * the medians are reported, since this machine's copies alone vary by half from one
	 * minute to the next. The leech's peak memory with this heap is reported too.
	 */
	void single(int mib, String leechHeap, WarmUps warmUps, int rounds) throws IOException, InterruptedException {
		String parameters = String.format(Locale.ROOT, "F=%dMiB, 1 seed -> 1 leech %s, uncapped, median of %d", mib,
				leechHeap, rounds);
		Path directory = this.workDirectory.resolve("single");
		List<Path> sources = new ArrayList<>();
		List<String> sha256s = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			Path source = directory.resolve("seed/single-" + round + ".bin");
			sha256s.add(TestFiles.random(source, mib, 10 + round));
			sources.add(source);
		}
		// the agent writes past the page cache, so a copy that does too is measured as
		// well as one through it, whose new pages this VM writes at 200 to 1,000 MiB/s
		// from one run to the next: the faster of the two is the ceiling
		Path copy = directory.resolve("plain-copy.bin");
		List<SingleRound> measured = new ArrayList<>();
		transfers(directory, sources, sha256s, List.of(leechHeap), warmUps, (source, transfer) -> {
			double pageCache = mib / PlainCopy.run(source, copy, false).seconds();
			PlainCopy direct = PlainCopy.run(source, copy, true);
			SingleRound round = new SingleRound(mib / transfer.seconds(), pageCache, mib / direct.seconds(),
					1000 * direct.cpuSeconds() / mib, transfer);
			System.out.printf(Locale.ROOT,
					"  round %d: ours %.1f MiB/s (machine %.0f %% busy, the JIT %.0f %% of it; seed %.2f and leech %.2f"
							+ " ms of CPU per MiB), plain copies %.1f through the page cache and %.1f with O_DIRECT:"
							+ " %.3f of the faster%n",
					measured.size() + 1, round.ours(), transfer.machineBusyPercent(), transfer.jitPercent(),
					1000 * transfer.seedCpu() / mib, 1000 * transfer.leechCpu() / mib, round.pageCache(),
					round.direct(), round.ofFastest());
			measured.add(round);
		});
		double hashing = PlainCopy.hashSeconds(sources.get(0));
		double ours = SingleRound.median(measured, SingleRound::ours);
		this.results.add("single-transfer", parameters, "p2p-share download", ours, "MiB/s");
		this.results.add("single-transfer", parameters, "plain loopback socket copy through the page cache",
				SingleRound.median(measured, SingleRound::pageCache), "MiB/s");
		this.results.add("single-transfer", parameters, "plain copy written with O_DIRECT",
				SingleRound.median(measured, SingleRound::direct), "MiB/s");
		this.results.add("single-transfer", parameters, "SHA-256 of the file (one core)", mib / hashing, "MiB/s");
		this.results.add("single-transfer", parameters, "ours / plain copy through the page cache",
				SingleRound.median(measured, (round) -> round.ours() / round.pageCache()), "x");
		this.results.add("single-transfer", parameters, "ours / faster plain copy",
				SingleRound.median(measured, SingleRound::ofFastest), "x");
		// what the ceiling itself costs: a verified transfer needs this and SHA-256, so
		// with every core busy it moves at most this
		double directCpu = SingleRound.median(measured, SingleRound::directCpuMsPerMib);
		this.results.add("single-transfer", parameters, "CPU per MiB of the O_DIRECT copy (both ends)", directCpu,
				"ms");
		int cores = Runtime.getRuntime().availableProcessors();
		double verifiedBound = cores * 1000 / (directCpu + 1000 * hashing / mib);
		this.results.add("single-transfer", parameters,
				"CPU bound of a verified copy (" + cores + " cores / (copy + SHA-256 per MiB))", verifiedBound,
				"MiB/s");
		this.results.add("single-transfer", parameters, "ours / that bound", ours / verifiedBound, "x");
		this.results.add("single-transfer", parameters, "seed CPU per MiB",
				SingleRound.median(measured, (round) -> 1000 * round.transfer().seedCpu() / mib), "ms");
		this.results.add("single-transfer", parameters, "leech CPU per MiB",
				SingleRound.median(measured, (round) -> 1000 * round.transfer().leechCpu() / mib), "ms");
		this.results.add("single-transfer", parameters, "machine CPU busy",
				SingleRound.median(measured, (round) -> round.transfer().machineBusyPercent()), "%");
		this.results.add("single-transfer", parameters, "of it the agents' JIT compilers",
				SingleRound.median(measured, (round) -> round.transfer().jitPercent()), "%");
		this.results.add("single-transfer", parameters, "leech disk reads while downloading",
				SingleRound.median(measured, (round) -> round.transfer().leechDiskReads() / (double) TestFiles.MIB),
				"MiB");
		this.results.add("single-transfer", parameters, "seed disk reads while uploading",
				SingleRound.median(measured, (round) -> round.transfer().seedDiskReads() / (double) TestFiles.MIB),
				"MiB");
		this.results.add("single-transfer", parameters, "leech peak RSS (VmHWM)",
				measured.get(measured.size() - 1).transfer().peakRss() / (double) TestFiles.MIB, "MiB");
	}

	/** Peak resident memory of a leech with {@code -Xmx256m} downloading a large file. */
	void memory(int mib, WarmUps warmUps) throws IOException, InterruptedException {
		String parameters = String.format(Locale.ROOT, "F=%dMiB, leech -Xmx256m", mib);
		Path directory = this.workDirectory.resolve("memory");
		Path source = directory.resolve("seed/large.bin");
		String sha256 = TestFiles.random(source, mib, 13);
		Transfer transfer = transfers(directory, List.of(source), List.of(sha256), List.of("-Xmx256m"), warmUps,
				(measured, result) -> {
				})
			.get(0);
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
	record Transfer(double seconds, long peakRss, double seedCpu, double leechCpu, long leechDiskReads,
			long seedDiskReads, double machineBusyPercent, double jitPercent) {
	}

	/** What is done after each measured download, while the agents wait. */
	@FunctionalInterface
	private interface AfterEach {

		void accept(Path source, Transfer transfer) throws IOException;

	}

	/**
	 * Downloads the warm-up files, then each of {@code sources} in turn, measured, from a
	 * seed that shares them all.
	 */
	private List<Transfer> transfers(Path directory, List<Path> sources, List<String> sha256s, List<String> leechJvm,
			WarmUps warmUps, AfterEach afterEach) throws IOException, InterruptedException {
		Path seedDirectory = sources.get(0).getParent();
		// names of their own on the shared tracker, as every swarm file has
		List<String> warmUpFiles = new ArrayList<>();
		for (int i = 1; i <= warmUps.count(); i++) {
			String warmUp = directory.getFileName() + "-warm-up-" + i + ".bin";
			TestFiles.random(seedDirectory.resolve(warmUp), warmUps.mib(), 16 + i);
			warmUpFiles.add(warmUp);
		}
		// the peak memory counts the class-data archive's pages: started as users start
		// it
		try (Swarm swarm = new Swarm(this.agent.asBuilt(), this.tracker, directory)) {
			swarm.seed(seedDirectory, sources.get(0).getFileName().toString(), List.of("-Xmx512m"),
					List.of("--peer.chunk-size=1MB"));
			Swarm.Peer leech = swarm.leeches(1, leechJvm, List.of()).get(0);
			try {
				warmUp(swarm, leech, seedDirectory, warmUpFiles, warmUps.mib());
				List<Transfer> transfers = new ArrayList<>();
				for (int i = 0; i < sources.size(); i++) {
					Transfer transfer = measure(swarm, leech, sources.get(i).getFileName().toString(), sha256s.get(i));
					afterEach.accept(sources.get(i), transfer);
					transfers.add(transfer);
				}
				return transfers;
			}
			finally {
				// gigabytes each, twice: not left on the disk for the benchmarks after
				for (String warmUp : warmUpFiles) {
					deleteAtBothEnds(seedDirectory, leech, warmUp);
				}
			}
		}
	}

	/**
	 * Agents run for days: they are measured warm, not while the JIT compiles the
	 * transfer path. Files as large as the measured one, since a longer file runs the
	 * download's loops past thresholds that smaller ones do not reach. Each is deleted at
	 * both ends once downloaded, so that the warm-ups neither fill the disk nor push the
	 * measured files out of the page cache (with 14 kept, the seed read 795 MiB of each
	 * measured file back from the disk). Says how long the first and the last took, and
	 * how much of the machine the agents' JIT compilers took in each.
	 */
	private static void warmUp(Swarm swarm, Swarm.Peer leech, Path seedDirectory, List<String> files, int mib)
			throws IOException, InterruptedException {
		if (files.isEmpty()) {
			return;
		}
		long started = System.nanoTime();
		List<Pass> passes = new ArrayList<>();
		for (String file : files) {
			passes.add(download(swarm, leech, file));
			deleteAtBothEnds(seedDirectory, leech, file);
		}
		Pass first = passes.get(0);
		Pass last = passes.get(passes.size() - 1);
		System.out.printf(Locale.ROOT,
				"  warmed up with %d file%s of %d MiB in %.0f s: the first took %.2f s, the last %.2f s; the agents'"
						+ " JIT compilers took %s %% of the machine in each%n",
				files.size(), (files.size() == 1) ? "" : "s", mib, (System.nanoTime() - started) / 1e9, first.seconds(),
				last.seconds(),
				passes.stream()
					.map((pass) -> String.format(Locale.ROOT, "%.0f", pass.jitPercent()))
					.collect(Collectors.joining(", ")));
	}

	private static void deleteAtBothEnds(Path seedDirectory, Swarm.Peer leech, String file) throws IOException {
		Files.deleteIfExists(seedDirectory.resolve(file));
		Files.deleteIfExists(leech.shareDir().resolve(file));
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
