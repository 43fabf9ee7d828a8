package dev.p2pshare.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
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

	private Bench() {
	}

	private static int intOption(String[] args, String prefix, int otherwise) {
		return Stream.of(args)
			.filter((arg) -> arg.startsWith(prefix))
			.map((arg) -> Integer.parseInt(arg.substring(prefix.length())))
			.findFirst()
			.orElse(otherwise);
	}

	public static void main(String[] args) throws Exception {
		boolean quick = List.of(args).contains("--quick");
		Set<String> only = Stream.of(args)
			.filter((arg) -> arg.startsWith("--only="))
			.flatMap((arg) -> Stream.of(arg.substring(7).split(",")))
			.collect(Collectors.toSet());
		Predicate<String> selected = (name) -> only.isEmpty() || only.contains(name);
		Path root = Path.of(System.getProperty("p2p.root", "."));
		Swarm.Jars jars = new Swarm.Jars(root.resolve("tracker-service/target/tracker-service.jar"),
				root.resolve("peer-agent/target/peer-agent.jar"));
		if (!Files.isRegularFile(jars.tracker()) || !Files.isRegularFile(jars.agent())) {
			System.err.println("Build the jars first: ./mvnw -q -DskipTests package");
			System.exit(2);
		}
		// the committed results are a full run's; a quick or partial run's go beside them
		boolean full = !quick && only.isEmpty() && Stream.of(args)
			.noneMatch((arg) -> Stream.of("--leeches=", "--file-mib=", "--cap-mib=").anyMatch(arg::startsWith));
		Path results = Files.createDirectories(root.resolve(full ? "bench/results" : "bench/results/scratch"));
		Path work = Files.createTempDirectory("p2p-bench");
		Results table = new Results();
		System.out.printf("p2p-share benchmarks, %s, %s run, %d cores, Java %s; work files in %s%n", LocalDate.now(),
				quick ? "quick" : full ? "full" : "partial", Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), work);
		table.header();
		try {
			List<SwarmBench.Outcome> capped = new ArrayList<>();
			SwarmBench swarms = new SwarmBench(jars, work, table);
			int onlyLeeches = intOption(args, "--leeches=", 0);
			int onlyFileMib = intOption(args, "--file-mib=", 0);
			List<Integer> leechCounts = (onlyLeeches > 0) ? List.of(onlyLeeches) : quick ? List.of(4) : List.of(4, 8);
			List<Integer> fileMibs = (onlyFileMib > 0) ? List.of(onlyFileMib) : quick ? List.of(64) : List.of(64, 256);
			int cap = intOption(args, "--cap-mib=", 16);
			for (int leeches : leechCounts) {
				if (selected.test("capped")) {
					capped.addAll(swarms.run(new SwarmBench.Case(leeches, fileMibs, cap)));
				}
				if (selected.test("uncapped")) {
					swarms.run(new SwarmBench.Case(leeches, fileMibs, 0));
				}
			}
			if (selected.test("capped") && !quick && onlyLeeches == 0 && cap == 16) {
				// at 16 MiB/s eight leeches need more CPU than two cores give (see
				// bench/README): half the cap shows the swarm nearer to a network
				// bottleneck, on the large file only, to keep the run under 15 minutes
				capped.addAll(swarms.run(new SwarmBench.Case(8, List.of(256), 8)));
			}
			TransferBench transfers = new TransferBench(jars, work, table);
			if (selected.test("single")) {
				// a quick run measures the small heap's memory on this transfer, not on 2
				// GiB
				transfers.single(quick ? 256 : 1024, quick ? "-Xmx256m" : "-Xmx512m");
			}
			if (selected.test("memory") && !quick) {
				transfers.memory(2048);
			}
			if (selected.test("tracker")) {
				int seconds = intOption(args, "--tracker-seconds=", quick ? 5 : 20);
				new TrackerLoadBench(jars, work, table).run(Duration.ofSeconds(seconds));
			}
			if (only.contains("load")) {
				int minutes = intOption(args, "--load-minutes=", 4);
				new SwarmLoadBench(jars, work, table).run(intOption(args, "--load-leeches=", 50),
						Duration.ofMinutes(minutes));
			}
			table.writeCsv(results.resolve("results.csv"));
			if (!capped.isEmpty()) {
				Charts.leechTimes(capped, results.resolve("swarm-times.png"));
				SwarmBench.Outcome largest = capped.stream()
					.max(Comparator.comparingInt(SwarmBench.Outcome::leeches)
						.thenComparingInt(SwarmBench.Outcome::fileMib))
					.orElseThrow();
				Charts.chunkSources(largest, results.resolve("chunk-sources.png"));
				System.out.println("Saved " + results.resolve("swarm-times.png") + " and chunk-sources.png");
			}
			System.out.println("Saved " + results.resolve("results.csv"));
		}
		finally {
			if (List.of(args).contains("--keep-work")) {
				System.out.println("Kept the work files and every process's log in " + work);
			}
			else {
				try (Stream<Path> files = Files.walk(work)) {
					files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
				}
			}
		}
	}

}
