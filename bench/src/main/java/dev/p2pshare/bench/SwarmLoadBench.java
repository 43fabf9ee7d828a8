package dev.p2pshare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * The soak run (not part of a full benchmark run: {@code --only=load}): one seed and L
 * leech agents, each its own small JVM, fetch K files, one wave of requests per file
 * spread over the run, while a stream of tracker traffic (FILE_LOCATIONS and
 * CHUNK_REGISTER for 100 simulated peers) runs from the first wave to the end. Reports
 * whether every leech ended with the right bytes, every error seen, the tracker's latency
 * under that load and the peak memory of every process.
 */
final class SwarmLoadBench {

	private static final int FILES = 4;

	private static final int FILE_MIB = 16;

	/** Leeches started at once: 2 cores cannot start 50 JVMs together in good time. */
	private static final int STARTUP_BATCH = 5;

	private static final int TRAFFIC_CLIENTS = 2;

	/** Small JVMs, as a host running several agents would give them. */
	private static final List<String> LEECH_JVM = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
			"-XX:ActiveProcessorCount=1");

	private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(15);

	private final AppJar agent;

	private final Tracker tracker;

	private final Path workDirectory;

	private final Results results;

	SwarmLoadBench(AppJar agent, Tracker tracker, Path workDirectory, Results results) {
		this.agent = agent;
		this.tracker = tracker;
		this.workDirectory = workDirectory;
		this.results = results;
	}

	void run(int leechCount, Duration duration) throws Exception {
		Path directory = this.workDirectory.resolve("swarm-load");
		List<String> names = new ArrayList<>();
		List<String> hashes = new ArrayList<>();
		for (int i = 1; i <= FILES; i++) {
			names.add("load-" + i + ".bin");
			hashes.add(TestFiles.random(directory.resolve("seed/" + names.get(i - 1)), FILE_MIB, 100 + i));
		}
		String parameters = String.format(Locale.ROOT, "%d leeches, %d files of %d MiB, %ds", leechCount, FILES,
				FILE_MIB, duration.toSeconds());
		List<String> properties = List.of("--peer.chunk-size=" + SwarmBench.CHUNK_SIZE);
		try (Swarm swarm = new Swarm(this.agent, this.tracker, directory)) {
			for (String name : names) {
				swarm.seed(directory.resolve("seed"), name, List.of("-Xmx256m"), properties);
			}
			long startupBegan = System.nanoTime();
			List<Swarm.Peer> leeches = new ArrayList<>();
			while (leeches.size() < leechCount) {
				leeches
					.addAll(swarm.leeches(Math.min(STARTUP_BATCH, leechCount - leeches.size()), LEECH_JVM, properties));
				System.out.printf("  %d of %d leeches up%n", leeches.size(), leechCount);
			}
			this.results.add("swarm-load", parameters, "time to start every leech", seconds(startupBegan), "s");

			ExecutorService background = Executors.newSingleThreadExecutor();
			Future<TrackerLoadBench.Traffic> traffic = background
				.submit(() -> TrackerLoadBench.Traffic.drive(swarm.trackerUrl(),
						TrackerLoadBench.WarmUp.exactly(Duration.ZERO), duration, TRAFFIC_CLIENTS,
						TrackerLoadBench.PEERS, null));
			long began = System.nanoTime();
			long waveNanos = duration.toNanos() / FILES;
			for (int wave = 0; wave < FILES; wave++) {
				sleepUntil(began + wave * waveNanos);
				for (Swarm.Peer leech : leeches) {
					swarm.download(leech, names.get(wave));
				}
				System.out.printf("  wave %d: %d leeches asked for %s%n", wave + 1, leeches.size(), names.get(wave));
			}
			int[] outcome = awaitAll(swarm, leeches, names, began);
			double allDone = seconds(began);
			TrackerLoadBench.Traffic stream = traffic.get();
			background.shutdown();

			int right = 0;
			for (Swarm.Peer leech : leeches) {
				for (int i = 0; i < FILES; i++) {
					Path held = leech.shareDir().resolve(names.get(i));
					if (Files.isRegularFile(held) && TestFiles.sha256(held).equals(hashes.get(i))) {
						right++;
					}
				}
			}
			this.results.add("swarm-load", parameters, "downloads with the right bytes (of " + leechCount * FILES + ")",
					right, "");
			this.results.add("swarm-load", parameters, "downloads failed", outcome[1], "");
			this.results.add("swarm-load", parameters, "last download done after the first request", allDone, "s");
			stream.report(this.results, "swarm-load", parameters + ", tracker stream", duration);
			this.results.add("swarm-load", parameters, "ERROR lines in all logs", errorLines(directory.resolve("logs")),
					"");
			reportMemory(swarm, leeches, parameters);
		}
	}

	/**
	 * Polls every leech until each download is complete or failed; {complete, failed}.
	 */
	private static int[] awaitAll(Swarm swarm, List<Swarm.Peer> leeches, List<String> names, long began)
			throws IOException, InterruptedException {
		boolean[][] ended = new boolean[leeches.size()][names.size()];
		int complete = 0;
		int failed = 0;
		while (complete + failed < leeches.size() * names.size()) {
			if (System.nanoTime() - began > TIMEOUT_NANOS) {
				break;
			}
			TimeUnit.SECONDS.sleep(1);
			for (int l = 0; l < leeches.size(); l++) {
				for (JsonNode status : swarm.downloads(leeches.get(l))) {
					int file = names.indexOf(status.get("fileName").asString());
					String state = status.get("state").asString();
					if (file >= 0 && !ended[l][file] && (state.equals("COMPLETE") || state.equals("FAILED"))) {
						ended[l][file] = true;
						complete += state.equals("COMPLETE") ? 1 : 0;
						failed += state.equals("FAILED") ? 1 : 0;
					}
				}
			}
		}
		return new int[] { complete, failed };
	}

	private void reportMemory(Swarm swarm, List<Swarm.Peer> leeches, String parameters) throws IOException {
		long max = 0;
		long sum = 0;
		for (Swarm.Peer leech : leeches) {
			long peak = leech.process().peakRssBytes();
			max = Math.max(max, peak);
			sum += peak;
		}
		this.results.add("swarm-load", parameters, "tracker peak RSS", swarm.tracker().peakRssBytes() / 1048576.0,
				"MiB");
		this.results.add("swarm-load", parameters, "seed peak RSS", swarm.seed().process().peakRssBytes() / 1048576.0,
				"MiB");
		this.results.add("swarm-load", parameters, "leech peak RSS, largest", max / 1048576.0, "MiB");
		this.results.add("swarm-load", parameters, "leech peak RSS, mean", sum / 1048576.0 / leeches.size(), "MiB");
	}

	private static long errorLines(Path logs) throws IOException {
		long count = 0;
		try (Stream<Path> files = Files.list(logs)) {
			for (Path log : files.toList()) {
				try (Stream<String> lines = Files.lines(log)) {
					count += lines.filter((line) -> line.contains(" ERROR ")).count();
				}
			}
		}
		return count;
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long wait = nanoTime - System.nanoTime();
		if (wait > 0) {
			TimeUnit.NANOSECONDS.sleep(wait);
		}
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

}
