package dev.p2pshare.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * Benchmarks 1 and 2: one seed and N leeches spread files of F MiB, with every peer's
 * upload capped at U MiB/s (the network as the bottleneck, as on a real network) or not
 * capped at all (the whole system's raw speed on this machine). Time runs from the first
 * leech's request to the last leech holding the verified file.
 */
final class SwarmBench {

	/** Pieces small enough that leeches trade them within a fraction of a second at U. */
	static final String CHUNK_SIZE = "256KB";

	private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(10);

	/**
	 * Warm-up files a swarm spreads before it is measured: each download's start and end
	 * run once per file, and one large file leaves them cold; after 8 the agents' JIT
	 * compilers still took a third of the machine (bench/README.md).
	 */
	static final int WARM_UPS = 24;

	/**
	 * One swarm: N leeches fetching each file in turn, with this upload cap (0: none).
	 */
	record Case(int leeches, List<Integer> fileMibs, int capMibPerSecond, int seedCapMibPerSecond) {

		/** Every upload, the seed's too, capped alike. */
		Case(int leeches, List<Integer> fileMibs, int capMibPerSecond) {
			this(leeches, fileMibs, capMibPerSecond, capMibPerSecond);
		}

		/** The start of its files' names. */
		String name() {
			return String.format(Locale.ROOT, "swarm-n%d-u%d", this.leeches, this.capMibPerSecond)
					+ (symmetric() ? "" : "-s" + this.seedCapMibPerSecond);
		}

		String label(int fileMib) {
			String caps = (this.capMibPerSecond <= 0) ? "uncapped" : symmetric() ? "U=" + this.capMibPerSecond + "MiB/s"
					: "Us=" + this.seedCapMibPerSecond + "MiB/s U=" + this.capMibPerSecond + "MiB/s";
			return String.format(Locale.ROOT, "N=%d F=%dMiB %s", this.leeches, fileMib, caps);
		}

		private boolean symmetric() {
			return this.seedCapMibPerSecond == this.capMibPerSecond;
		}

	}

	/**
	 * When each leech finished, where chunks had come from over time, the percentage of
	 * the machine the agents' JIT compilers took meanwhile, and how many FILE_LOCATIONS
	 * and CHUNK_REGISTER requests per second the tracker answered.
	 */
	record Outcome(String label, int leeches, int fileMib, int capMibPerSecond, double seconds, double boundSeconds,
			double[] leechSeconds, List<double[]> sources, double jitPercent, double[] trackerRequestsPerSecond) {

		double ratio() {
			return this.seconds / this.boundSeconds;
		}

	}

	private final AppJar agent;

	private final Tracker tracker;

	private final Path workDirectory;

	private final Results results;

	private final int warmUps;

	private final int warmUpMib;

	private final UploadCaps caps;

	private final Placement.Hosts hosts;

	/**
	 * @param warmUps how many files every swarm spreads first, unmeasured, so that its
	 * agents are measured with the transfer path compiled
	 * @param warmUpMib their size
	 */
	SwarmBench(AppJar agent, Tracker tracker, Path workDirectory, Results results, int warmUps, int warmUpMib) {
		this(agent, tracker, workDirectory, results, warmUps, warmUpMib, UploadCaps.APPLICATION,
				Placement.Hosts.LOOPBACK);
	}

	/** The same, with the agents on these hosts and their uploads capped this way. */
	SwarmBench(AppJar agent, Tracker tracker, Path workDirectory, Results results, int warmUps, int warmUpMib,
			UploadCaps caps, Placement.Hosts hosts) {
		this.caps = caps;
		this.hosts = hosts;
		if (warmUps < 1) {
			throw new IllegalArgumentException("a swarm needs at least one warm-up file, not " + warmUps);
		}
		this.warmUps = warmUps;
		this.warmUpMib = warmUpMib;
		this.agent = agent;
		this.tracker = tracker;
		this.workDirectory = workDirectory;
		this.results = results;
	}

	/**
	 * Starts one swarm of N leeches and measures it at each case's cap in turn, changing
	 * every agent's upload limit through its API in between: starting nine JVMs on two
	 * cores takes longer than most measurements.
	 * @param cases the caps and file sizes, all with the same number of leeches
	 */
	List<Outcome> run(List<Case> cases) throws IOException, InterruptedException {
		int leechCount = cases.get(0).leeches();
		if (cases.stream().anyMatch((scenario) -> scenario.leeches() != leechCount)) {
			throw new IllegalArgumentException("one swarm, one number of leeches: " + cases);
		}
		Path directory = this.workDirectory.resolve(String.format(Locale.ROOT, "swarm-n%d", leechCount));
		Map<String, Integer> files = new LinkedHashMap<>();
		List<String> warmUps = new ArrayList<>();
		for (int round = 1; round <= this.warmUps; round++) {
			warmUps.add("swarm-n" + leechCount + "-warm-up-" + round + ".bin");
			files.put(warmUps.get(round - 1), this.warmUpMib);
		}
		cases.forEach((scenario) -> scenario.fileMibs().forEach((mib) -> files.put(fileName(scenario, mib), mib)));
		Map<String, String> hashes = new HashMap<>();
		for (Map.Entry<String, Integer> file : files.entrySet()) {
			hashes.put(file.getKey(), TestFiles.random(directory.resolve("seed/" + file.getKey()), file.getValue(),
					file.getKey().hashCode()));
		}
		List<String> properties = List.of("--peer.chunk-size=" + CHUNK_SIZE,
				"--peer.server.upload-rate=" + this.caps.agentUploadRate(cases.get(0)));
		List<Outcome> outcomes = new ArrayList<>();
		try (Swarm swarm = new Swarm(this.agent, this.tracker, directory, this.hosts)) {
			for (String file : files.keySet()) {
				swarm.seed(directory.resolve("seed"), file, List.of("-Xmx512m"), properties);
			}
			List<Swarm.Peer> leeches = swarm.leeches(leechCount, List.of("-Xmx512m"), properties);
			warmUp(swarm, cases.get(0), warmUps, leeches, hashes);
			for (Case scenario : cases) {
				this.caps.apply(swarm, scenario);
				for (int mib : scenario.fileMibs()) {
					String file = fileName(scenario, mib);
					outcomes.add(measure(swarm, scenario, file, mib, leeches, hashes.get(file), true));
				}
			}
		}
		return outcomes;
	}

	/**
	 * Agents run for days: they are measured warm, not while nine JVMs on two cores
	 * compile the transfer path, as far as a run can afford. Says how long the first and
	 * the last warm-up took, and how much of the machine the agents' JIT compilers took
	 * in them.
	 */
	private void warmUp(Swarm swarm, Case scenario, List<String> files, List<Swarm.Peer> leeches,
			Map<String, String> hashes) throws IOException, InterruptedException {
		long started = System.nanoTime();
		Outcome first = null;
		Outcome last = null;
		for (String file : files) {
			last = measure(swarm, scenario, file, this.warmUpMib, leeches, hashes.get(file), false);
			first = (first != null) ? first : last;
		}
		System.out.printf(Locale.ROOT,
				"  warmed up with %d files of %d MiB in %.0f s: the first took %.2f s (the agents' JIT compilers %.0f %%"
						+ " of the machine), the last %.2f s (%.0f %%)%n",
				files.size(), this.warmUpMib, seconds(System.nanoTime() - started), first.seconds(), first.jitPercent(),
				last.seconds(), last.jitPercent());
	}

	private Outcome measure(Swarm swarm, Case scenario, String file, int mib, List<Swarm.Peer> leeches, String sha256,
			boolean reported) throws IOException, InterruptedException {
		String label = scenario.label(mib);
		String seedId = swarm.peerId(swarm.seed());
		double seedCpu = swarm.seed().process().cpuSeconds();
		double[] leechCpu = new double[leeches.size()];
		for (int i = 0; i < leeches.size(); i++) {
			leechCpu[i] = leeches.get(i).process().cpuSeconds();
		}
		double compiling = swarm.compilerCpuSeconds();
		long[] trackerAtStart = swarm.trackerOperations();
		MachineCpu cpuAtStart = MachineCpu.now();
		long started = System.nanoTime();
		Instant startedAt = Instant.now();
		swarm.downloadAll(leeches, file);
		double[] finished = new double[leeches.size()];
		Arrays.fill(finished, -1);
		List<double[]> sources = new ArrayList<>();
		int done = 0;
		while (done < leeches.size()) {
			if (System.nanoTime() - started > TIMEOUT_NANOS) {
				throw new IOException(label + ": not every leech finished in time");
			}
			// each leech's own clock says when it finished: polled this seldom, the
			// polling costs the swarm little of the CPU it is measured on
			TimeUnit.NANOSECONDS.sleep(SAMPLE_NANOS);
			List<JsonNode> statuses = new ArrayList<>();
			for (int i = 0; i < leeches.size(); i++) {
				JsonNode status = swarm.status(leeches.get(i), file);
				statuses.add(status);
				String state = status.get("state").asString();
				if (state.equals("FAILED")) {
					throw new IOException(label + ": " + leeches.get(i).process().name() + " failed: "
							+ status.get("message").asString());
				}
				if (finished[i] < 0 && state.equals("COMPLETE")) {
					finished[i] = secondsSince(startedAt, status);
					done++;
				}
			}
			sources.add(sources(statuses, seedId, started));
		}
		double seconds = Arrays.stream(finished).max().orElseThrow();
		double polledSeconds = seconds(System.nanoTime() - started);
		double machineBusy = MachineCpu.now().busyPercentSince(cpuAtStart);
		long[] trackerAtEnd = swarm.trackerOperations();
		double[] trackerRequests = { (trackerAtEnd[0] - trackerAtStart[0]) / polledSeconds,
				(trackerAtEnd[1] - trackerAtStart[1]) / polledSeconds };
		double jit = swarm.compilerPercentSince(compiling, polledSeconds);
		double[] last = sources.get(sources.size() - 1);
		long seedChunks = (long) last[1];
		long allChunks = (long) (last[1] + last[2]);
		double seedCpuUsed = swarm.seed().process().cpuSeconds() - seedCpu;
		double leechCpuUsed = 0;
		for (int i = 0; i < leeches.size(); i++) {
			leechCpuUsed += leeches.get(i).process().cpuSeconds() - leechCpu[i];
		}
		for (Swarm.Peer leech : leeches) {
			String held = TestFiles.sha256(leech.shareDir().resolve(file));
			if (!held.equals(sha256)) {
				throw new IOException(label + ": " + leech.process().name() + " holds " + held + ", not " + sha256);
			}
		}
		Outcome outcome = new Outcome(label, leeches.size(), mib, scenario.capMibPerSecond(), seconds,
				bound(leeches.size(), mib, scenario.seedCapMibPerSecond(), scenario.capMibPerSecond()), finished,
				sources, jit, trackerRequests);
		if (reported) {
			report(outcome, seedCpuUsed, seedChunks, allChunks, leechCpuUsed, machineBusy);
		}
		return outcome;
	}

	private void report(Outcome outcome, double seedCpu, long seedChunks, long allChunks, double leechCpu,
			double machineBusy) {
		double seedMib = (double) outcome.fileMib() * seedChunks / Math.max(1, allChunks) * outcome.leeches();
		String benchmark = (outcome.capMibPerSecond() > 0) ? this.caps.benchmark() : "swarm-uncapped";
		this.results.add(benchmark, outcome.label(), "distribution time", outcome.seconds(), "s");
		if (outcome.capMibPerSecond() > 0) {
			this.results.add(benchmark, outcome.label(), "bound max(F/Us, NF/(Us+N*Ul))", outcome.boundSeconds(), "s");
			this.results.add(benchmark, outcome.label(), "measured / bound", outcome.ratio(), "x");
		}
		else {
			double mib = (double) outcome.fileMib() * outcome.leeches();
			this.results.add(benchmark, outcome.label(), "delivered to all leeches", mib / outcome.seconds(), "MiB/s");
		}
		double[] sorted = outcome.leechSeconds().clone();
		Arrays.sort(sorted);
		this.results.add(benchmark, outcome.label(), "first leech done", sorted[0], "s");
		this.results.add(benchmark, outcome.label(), "share of chunks from the seed",
				100.0 * seedChunks / Math.max(1, allChunks), "%");
		this.results.add(benchmark, outcome.label(), "seed CPU per MiB it uploaded",
				1000 * seedCpu / Math.max(1, seedMib), "ms");
		this.results.add(benchmark, outcome.label(), "leech CPU per MiB downloaded",
				1000 * leechCpu / ((double) outcome.fileMib() * outcome.leeches()), "ms");
		this.results.add(benchmark, outcome.label(), "machine CPU busy (all cores)", machineBusy, "%");
		this.results.add(benchmark, outcome.label(), "of it the agents' JIT compilers", outcome.jitPercent(), "%");
		this.results.add(benchmark, outcome.label(), "FILE_LOCATIONS answered by the tracker",
				outcome.trackerRequestsPerSecond()[0], "1/s");
		this.results.add(benchmark, outcome.label(), "CHUNK_REGISTER answered by the tracker",
				outcome.trackerRequestsPerSecond()[1], "1/s");
	}

	/**
	 * Chunks the leeches received so far, from their statuses: {seconds, from the seed,
	 * from other leeches}.
	 */
	private static double[] sources(List<JsonNode> statuses, String seedId, long started) {
		long fromSeed = 0;
		long fromLeeches = 0;
		for (JsonNode status : statuses) {
			for (Map.Entry<String, JsonNode> source : status.get("chunksBySource").properties()) {
				if (source.getKey().equals(seedId)) {
					fromSeed += source.getValue().asLong();
				}
				else {
					fromLeeches += source.getValue().asLong();
				}
			}
		}
		return new double[] { seconds(System.nanoTime() - started), fromSeed, fromLeeches };
	}

	/** Seconds from {@code startedAt} to when the leech says its download finished. */
	static double secondsSince(Instant startedAt, JsonNode status) throws IOException {
		JsonNode finishedAt = status.get("finishedAt");
		if (finishedAt == null || finishedAt.isNull()) {
			throw new IOException("a download reported COMPLETE without its finishedAt: " + status);
		}
		return Duration.between(startedAt, Instant.parse(finishedAt.asString())).toNanos() / 1e9;
	}

	/**
	 * The least time in which one seed uploading at Us and N leeches each uploading at U
	 * can give every leech the file (Kurose and Ross): the seed must send it once, and
	 * the N copies need N*F of upload, {@code max(F/Us, N*F/(Us + N*U))}.
	 */
	static double bound(int leeches, int fileMib, int seedCapMibPerSecond, int capMibPerSecond) {
		if (capMibPerSecond <= 0) {
			return Double.NaN;
		}
		double seedOnce = (double) fileMib / seedCapMibPerSecond;
		double allCopies = (double) leeches * fileMib / (seedCapMibPerSecond + (double) leeches * capMibPerSecond);
		return Math.max(seedOnce, allCopies);
	}

	/** A name, and bytes, of this swarm's own: the tracker outlives it. */
	private static String fileName(Case scenario, int mib) {
		return scenario.name() + "-" + mib + "MiB.bin";
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

}
