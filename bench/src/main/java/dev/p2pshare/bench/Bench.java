package dev.p2pshare.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the benchmarks of {@code bench/README.md} against the built jars, each peer its
 * own JVM on loopback, and prints every number as it comes; the table is saved as CSV and
 * the swarm results as PNG charts. {@code --quick} runs small sizes in under two minutes.
 * {@code --only=load} runs the soak run of 50 leeches instead, which no full run
 * includes. Benchmarks print numbers; nothing here asserts a timing.
 */
public final class Bench {

	/** Warm-up files per swarm in a quick run, which must end within two minutes. */
	private static final int QUICK_WARM_UPS = 8;

	/** The single transfer's file, and its warm-up files, each as large. */
	private static final int SINGLE_MIB = 1024;

	private static final int SINGLE_WARM_UPS = 6;

	/** Measured downloads of the single transfer, each with plain copies after it. */
	private static final int SINGLE_ROUNDS = 3;

	/** Warm-up files of the memory benchmark, and their size. */
	private static final int MEMORY_WARM_UPS = 4;

	private static final int MEMORY_WARM_UP_MIB = 256;

	/**
	 * The longest table 4's load runs unmeasured, waiting for the tracker's JIT, in
	 * seconds.
	 */
	private static final int TRACKER_WARM_UP_LIMIT = 300;

	/** The option that runs the swarms on an emulated network instead of loopback. */
	private static final String NETWORK = "--net=namespaces";

	/** Options without a value. */
	private static final Set<String> FLAGS = Set.of("--quick", "--keep-work", "--no-cds");

	/** Options with a whole number, with what each takes. */
	private static final Map<String, NumberOption> NUMBERS = Map.ofEntries(
			Map.entry("--leeches=", NumberOption.partial(1)), Map.entry("--file-mib=", NumberOption.partial(1)),
			Map.entry("--cap-mib=", NumberOption.partial(1)), Map.entry("--warm-ups=", NumberOption.partial(0)),
			Map.entry("--warm-up-mib=", NumberOption.partial(1)),
			Map.entry("--transfer-warm-ups=", NumberOption.partial(0)),
			Map.entry("--transfer-warm-up-mib=", NumberOption.partial(1)),
			Map.entry("--single-rounds=", NumberOption.partial(1)),
			Map.entry("--tracker-seconds=", new NumberOption(1, Integer.MAX_VALUE, false)),
			Map.entry("--tracker-warm-up-seconds=", NumberOption.partial(0)),
			Map.entry("--tracker-peers=", new NumberOption(2, TrackerLoadBench.MAX_PEERS, true)),
			Map.entry("--load-leeches=", new NumberOption(1, Integer.MAX_VALUE, false)),
			Map.entry("--load-minutes=", new NumberOption(1, Integer.MAX_VALUE, false)));

	/** What {@code --only=} picks from. */
	private static final Set<String> BENCHMARKS = Set.of("capped", "uncapped", "single", "memory", "tracker", "load");

	private Bench() {
	}

	/**
	 * What an option with a whole number takes, and whether giving it makes the run
	 * partial, written to {@code bench/results/scratch/}.
	 */
	private record NumberOption(int least, int most, boolean partial) {

		static NumberOption partial(int least) {
			return new NumberOption(least, Integer.MAX_VALUE, true);
		}

	}

	/**
	 * What is wrong with the options, before anything starts: an option this program does
	 * not know (a typo would otherwise run the full suite), a number that is not one or
	 * is out of its range, a benchmark {@code --only=} does not know.
	 * @return the complaint, or {@code null} when there is none
	 */
	static String refusal(String[] args) {
		for (String arg : args) {
			if (FLAGS.contains(arg) || arg.equals(NETWORK)) {
				continue;
			}
			if (arg.startsWith("--net=")) {
				return "--net takes 'namespaces' (hosts in network namespaces, uploads capped by the kernel); not '"
						+ arg.substring("--net=".length()) + "'";
			}
			if (arg.startsWith("--only=")) {
				for (String name : arg.substring("--only=".length()).split(",", -1)) {
					if (!BENCHMARKS.contains(name)) {
						return "--only takes a comma-separated list of " + String.join(", ", new TreeSet<>(BENCHMARKS))
								+ "; not '" + name + "'";
					}
				}
				continue;
			}
			String option = NUMBERS.keySet().stream().filter(arg::startsWith).findFirst().orElse(null);
			if (option == null) {
				return "Unknown option '" + arg + "' (bench/README.md lists them)";
			}
			String value = arg.substring(option.length());
			int least = NUMBERS.get(option).least();
			int most = NUMBERS.get(option).most();
			if (!inRange(value, least, most)) {
				return option.substring(0, option.length() - 1) + " takes a whole number "
						+ ((most == Integer.MAX_VALUE) ? "of " + least + " or more" : "from " + least + " to " + most)
						+ "; not '" + value + "'";
			}
		}
		return null;
	}

	/**
	 * Whether the run is the full one, whose results replace {@code bench/results/}: not
	 * quick, no {@code --only=}, and no option that changes what a benchmark measures.
	 */
	static boolean isFullRun(String[] args) {
		return Stream.of(args)
			.noneMatch((arg) -> arg.equals("--quick") || arg.startsWith("--only=")
					|| NUMBERS.entrySet()
						.stream()
						.anyMatch((number) -> number.getValue().partial() && arg.startsWith(number.getKey())));
	}

	/** The warm-up files given, else the benchmark's own. */
	private static TransferBench.WarmUps transferWarmUps(String[] args, int count, int mib) {
		return new TransferBench.WarmUps(intOption(args, "--transfer-warm-ups=", count),
				intOption(args, "--transfer-warm-up-mib=", mib));
	}

	private static int intOption(String[] args, String prefix, int otherwise) {
		return Stream.of(args)
			.filter((arg) -> arg.startsWith(prefix))
			.map((arg) -> Integer.parseInt(arg.substring(prefix.length())))
			.findFirst()
			.orElse(otherwise);
	}

	private static boolean inRange(String value, int least, int most) {
		try {
			int number = Integer.parseInt(value);
			return number >= least && number <= most;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	public static void main(String[] args) throws Exception {
		if (List.of(args).equals(List.of("--tables"))) {
			ResultsTables.main(new String[] { System.getProperty("p2p.root", ".") });
			return;
		}
		boolean quick = List.of(args).contains("--quick");
		boolean full = isFullRun(args);
		String refusal = refusal(args);
		if (refusal != null) {
			System.err.println(refusal);
			System.exit(2);
		}
		boolean network = List.of(args).contains(NETWORK);
		if (network) {
			String cannot = NetworkLab.refusal();
			if (cannot != null) {
				System.err.println(cannot);
				System.exit(2);
			}
		}
		Path root = Path.of(System.getProperty("p2p.root", "."));
		Path trackerJar = root.resolve("tracker-service/target/tracker-service.jar");
		Path agentJar = root.resolve("peer-agent/target/peer-agent.jar");
		if (!Files.isRegularFile(trackerJar) || !Files.isRegularFile(agentJar)) {
			System.err.println("Build the jars first: ./mvnw -q -DskipTests package");
			System.exit(2);
		}
		// the committed results are a full run's; a quick or partial run's go beside them
		Path results = Files.createDirectories(root.resolve(full ? "bench/results" : "bench/results/scratch"));
		Path work = Files.createTempDirectory("p2p-bench");
		boolean keepWork = List.of(args).contains("--keep-work");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> cutShort(work, keepWork), "bench-cut-short"));
		long began = System.nanoTime();
		System.out.printf("p2p-share benchmarks, %s, %s run, %d cores, Java %s; work files in %s%n", LocalDate.now(),
				quick ? "quick" : full ? "full" : "partial", Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), work);
		try {
			Jars jars = List.of(args).contains("--no-cds")
					? new Jars(AppJar.asBuilt(trackerJar), AppJar.asBuilt(agentJar))
					: sharedClasses(trackerJar, agentJar, root.resolve("bench/target/cds"), work);
			if (network) {
				runNetwork(args, quick, jars, work, results);
			}
			else {
				try (Tracker tracker = Tracker.start(jars.tracker(), work)) {
					run(args, quick, new Run(jars.agent(), tracker, work, new Results()), results);
				}
			}
			if (full) {
				ResultsTables.rewrite(root.resolve("bench/README.md"), results);
			}
			System.out.printf("Took %.0f s%n", (System.nanoTime() - began) / 1e9);
		}
		catch (Exception ex) {
			if (!JavaProcess.stopping()) {
				throw ex;
			}
			// its processes were stopped under it: the shutdown hook says so
		}
		finally {
			// a run cut short leaves the work directory to the shutdown hook, which
			// deletes it once the processes writing there have ended
			if (!JavaProcess.stopping()) {
				endWork(work, keepWork);
			}
		}
	}

	/**
	 * When the run ends before its processes were closed (Ctrl-C, a kill), stops them and
	 * deletes the work directory as a finished run does; a run that ended by itself has
	 * closed them all, and this does nothing.
	 */
	private static void cutShort(Path work, boolean keepWork) {
		int stopped = JavaProcess.stopAll();
		if (stopped == 0) {
			return;
		}
		System.out.printf("%nCut short: stopped the %d processes still running%n", stopped);
		try {
			endWork(work, keepWork);
		}
		catch (IOException | UncheckedIOException ex) {
			System.out.println("Could not delete all of " + work + ": " + ex);
		}
	}

	private static void endWork(Path work, boolean keepWork) throws IOException {
		if (keepWork) {
			System.out.println("Kept the work files and every process's log in " + work);
		}
		else {
			TestFiles.deleteTree(work);
		}
	}

	/** A benchmark, or a part of one. */
	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

	/**
	 * Runs a step and says how long it took: a run is long, and most of it starting JVMs.
	 */
	private static void timed(String what, Step step) throws Exception {
		long started = System.nanoTime();
		step.run();
		System.out.printf("  (%s took %.0f s)%n", what, (System.nanoTime() - started) / 1e9);
	}

	/** The built jars, and how each starts. */
	private record Jars(AppJar tracker, AppJar agent) {
	}

	/** What every benchmark of a run shares. */
	private record Run(AppJar agent, Tracker tracker, Path work, Results table) {
	}

	private static void run(String[] args, boolean quick, Run run, Path results) throws Exception {
		Set<String> only = Stream.of(args)
			.filter((arg) -> arg.startsWith("--only="))
			.flatMap((arg) -> Stream.of(arg.substring(7).split(",")))
			.collect(Collectors.toSet());
		Predicate<String> selected = (name) -> only.isEmpty() || only.contains(name);
		Results table = run.table();
		table.header();
		List<SwarmBench.Outcome> capped = new ArrayList<>();
		boolean swarmsServed = false;
		SwarmBench swarms = new SwarmBench(run.agent(), run.tracker(), run.work(), table,
				intOption(args, "--warm-ups=", quick ? QUICK_WARM_UPS : SwarmBench.WARM_UPS),
				intOption(args, "--warm-up-mib=", 16));
		int onlyLeeches = intOption(args, "--leeches=", 0);
		int onlyFileMib = intOption(args, "--file-mib=", 0);
		List<Integer> leechCounts = (onlyLeeches > 0) ? List.of(onlyLeeches) : quick ? List.of(4) : List.of(4, 8);
		List<Integer> fileMibs = (onlyFileMib > 0) ? List.of(onlyFileMib) : quick ? List.of(64) : List.of(64, 256);
		int cap = intOption(args, "--cap-mib=", 16);
		for (int leeches : leechCounts) {
			List<SwarmBench.Case> cases = new ArrayList<>();
			if (selected.test("capped")) {
				cases.add(new SwarmBench.Case(leeches, fileMibs, cap));
			}
			if (selected.test("uncapped")) {
				cases.add(new SwarmBench.Case(leeches, fileMibs, 0));
			}
			if (selected.test("capped") && !quick && leeches == 8 && onlyLeeches == 0 && cap == 16) {
				// at 16 MiB/s eight leeches need more CPU than two cores give (see
				// bench/README): half the cap shows the swarm nearer to a network
				// bottleneck, on the large file only, to keep the run under 15 minutes
				cases.add(new SwarmBench.Case(8, List.of(256), 8));
			}
			if (!cases.isEmpty()) {
				swarmsServed = true;
				timed("swarm of " + leeches,
						() -> swarms.run(cases)
							.stream()
							.filter((outcome) -> outcome.capMibPerSecond() > 0)
							.forEach(capped::add));
			}
		}
		TransferBench transfers = new TransferBench(run.agent(), run.tracker(), run.work(), table);
		if (selected.test("single")) {
			// a quick run measures the small heap's memory on this transfer, not on 2
			// GiB
			TransferBench.WarmUps warmUps = transferWarmUps(args, quick ? 1 : SINGLE_WARM_UPS,
					quick ? 128 : SINGLE_MIB);
			int rounds = intOption(args, "--single-rounds=", quick ? 1 : SINGLE_ROUNDS);
			timed("single transfer",
					() -> transfers.single(quick ? 256 : SINGLE_MIB, quick ? "-Xmx256m" : "-Xmx512m", warmUps, rounds));
		}
		if (selected.test("memory") && !quick) {
			TransferBench.WarmUps warmUps = transferWarmUps(args, MEMORY_WARM_UPS, MEMORY_WARM_UP_MIB);
			timed("memory", () -> transfers.memory(2048, warmUps));
		}
		if (selected.test("tracker")) {
			int seconds = intOption(args, "--tracker-seconds=", quick ? 5 : 20);
			int peers = intOption(args, "--tracker-peers=", TrackerLoadBench.PEERS);
			TrackerLoadBench.WarmUp warmUp = trackerWarmUp(args, quick, swarmsServed);
			timed("tracker load",
					() -> new TrackerLoadBench(run.tracker(), table, peers).run(warmUp, Duration.ofSeconds(seconds)));
		}
		if (only.contains("load")) {
			int minutes = intOption(args, "--load-minutes=", 4);
			new SwarmLoadBench(run.agent(), run.tracker(), run.work(), table)
				.run(intOption(args, "--load-leeches=", 50), Duration.ofMinutes(minutes));
		}
		table.writeCsv(results.resolve("results.csv"));
		Files.writeString(results.resolve("results.txt"),
				String.format("Run on %s UTC, %d cores, %s, Java %s: `java -jar bench/target/bench.jar%s`.%n",
						LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' '),
						Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
						System.getProperty("java.version"), (args.length == 0) ? "" : " " + String.join(" ", args)));
		if (!capped.isEmpty()) {
			Charts.leechTimes(capped, results.resolve("swarm-times.png"));
			SwarmBench.Outcome largest = capped.stream()
				.max(Comparator.comparingInt(SwarmBench.Outcome::leeches).thenComparingInt(SwarmBench.Outcome::fileMib))
				.orElseThrow();
			Charts.chunkSources(largest, results.resolve("chunk-sources.png"));
			System.out.println("Saved " + results.resolve("swarm-times.png") + " and chunk-sources.png");
		}
		System.out.println("Saved " + results.resolve("results.csv"));
	}

	/**
	 * The swarms on an emulated network: one seed and N = 8 and 16 leeches (4 in a quick
	 * run), 64 and 256 MiB, U = 16 MiB/s, each as {@code --leeches=}, {@code --file-mib=}
	 * and {@code --cap-mib=} say.
	 */
	private static void runNetwork(String[] args, boolean quick, Jars jars, Path work, Path results)
			throws IOException, InterruptedException {
		int onlyLeeches = intOption(args, "--leeches=", 0);
		int onlyFileMib = intOption(args, "--file-mib=", 0);
		List<Integer> leechCounts = (onlyLeeches > 0) ? List.of(onlyLeeches) : quick ? List.of(4) : List.of(8, 16);
		List<Integer> fileMibs = (onlyFileMib > 0) ? List.of(onlyFileMib) : quick ? List.of(64) : List.of(64, 256);
		NetworkBench.run(args, jars.tracker(), jars.agent(), work, results, leechCounts, fileMibs,
				intOption(args, "--cap-mib=", 16),
				intOption(args, "--warm-ups=", quick ? QUICK_WARM_UPS : SwarmBench.WARM_UPS),
				intOption(args, "--warm-up-mib=", 16));
	}

	/**
	 * How long table 4's load runs unmeasured first: as {@code --tracker-warm-up-seconds}
	 * says, or at least 10 s after the swarms (60 s on a tracker that served none, 2 s in
	 * a quick run) and on, up to {@value #TRACKER_WARM_UP_LIMIT} s, until the tracker's
	 * JIT compilers have settled: a tracker days old has its request paths compiled, and
	 * after a minute of the load its JIT still worked (bench/README.md).
	 */
	private static TrackerLoadBench.WarmUp trackerWarmUp(String[] args, boolean quick, boolean swarmsServed) {
		int given = intOption(args, "--tracker-warm-up-seconds=", -1);
		if (given >= 0 || quick) {
			return TrackerLoadBench.WarmUp.exactly(Duration.ofSeconds((given >= 0) ? given : 2));
		}
		return new TrackerLoadBench.WarmUp(Duration.ofSeconds(swarmsServed ? 10 : 60),
				Duration.ofSeconds(TRACKER_WARM_UP_LIMIT));
	}

	/**
	 * The jars extracted with class-data sharing archives, so that the many JVMs of a run
	 * start on less CPU ({@code --no-cds}: the jars as built).
	 */
	private static Jars sharedClasses(Path trackerJar, Path agentJar, Path cache, Path work)
			throws IOException, InterruptedException {
		Path log = work.resolve("logs/cds-training.log");
		AppJar tracker = Cds.prepare(AppJar.asBuilt(trackerJar), cache,
				List.of("--server.port=0", "--spring.datasource.url=jdbc:h2:file:" + work.resolve("cds-training/db")),
				log);
		AppJar agent = Cds.prepare(AppJar.asBuilt(agentJar), cache,
				List.of("--server.port=0", "--peer.tcp-port=0",
						"--peer.share-dir=" + work.resolve("cds-training/share"),
						"--peer.tracker-url=http://127.0.0.1:9", "--peer.menu=false"),
				log);
		return new Jars(tracker, agent);
	}

}
