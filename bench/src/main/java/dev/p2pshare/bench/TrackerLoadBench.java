package dev.p2pshare.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

/**
 * Benchmark 4: the tracker on its embedded H2 default under FILE_LOCATIONS and
 * CHUNK_REGISTER for one file of 1,024 chunks held by 100 peers (or as many as
 * {@code --tracker-peers} says), from a pool of client threads that send the next request
 * as soon as the last one is answered.
 */
final class TrackerLoadBench {

	/** The holders of the file, as the issue asks for. */
	static final int PEERS = 100;

	/** The most holders, each given a port of its own from 20,000 up. */
	static final int MAX_PEERS = 10_000;

	private static final int CHUNKS = 1024;

	private static final int CHUNK_SIZE = 1024;

	private static final int CLIENTS = 16;

	private static final String FILE = "load.bin";

	/** How long each slice of a warm-up that waits for the tracker's JIT runs. */
	private static final Duration WARM_UP_SLICE = Duration.ofSeconds(10);

	/**
	 * The share of the tracker's CPU its JIT compilers may take in the last slice of such
	 * a warm-up for the tracker to count as warm.
	 */
	private static final double SETTLED_JIT_PERCENT = 5;

	/**
	 * FILE_LOCATIONS as an agent's first lookup of a file asks it: with the chunk hashes,
	 * each holder's chunks as a bitfield, at most {@code peer.transfer.peers-wanted} (50)
	 * holders.
	 */
	private static final String AS_AGENTS_ASK = "?chunkBitfield=true&maxPeers=50";

	/**
	 * CHUNK_REGISTER as an agent downloading the file reports: answered with the holders'
	 * chunks as bitfields, at most the tracker's {@code tracker.max-report-holders} of
	 * them.
	 */
	private static final String AS_DOWNLOADERS_REPORT = "?peers=true";

	private final Tracker tracker;

	private final Results results;

	private final int peers;

	TrackerLoadBench(Tracker tracker, Results results, int peers) {
		this.tracker = tracker;
		this.results = results;
		this.peers = peers;
	}

	/**
	 * @param warmUp how long the same load runs, unmeasured, before the measured
	 * {@code duration}
	 */
	void run(WarmUp warmUp, Duration duration) throws Exception {
		Traffic traffic = Traffic.drive(this.tracker.url(), warmUp, duration, CLIENTS, this.peers,
				this.tracker.process());
		String parameters = String.format(Locale.ROOT, "H2, %d chunks, %d peers, %d clients, %ds after %ds", CHUNKS,
				this.peers, CLIENTS, duration.toSeconds(), traffic.warmedUp().toSeconds());
		traffic.report(this.results, "tracker-load", parameters, duration);
		Http http = new Http();
		String located = this.tracker.url() + "/api/v1/files/" + FILE + "/locations";
		this.results.add("tracker-load", parameters, "FILE_LOCATIONS answer, as agents ask",
				http.getString(located + AS_AGENTS_ASK).length() / 1024.0, "KiB");
		this.results.add("tracker-load", parameters, "FILE_LOCATIONS answer, chunks as runs",
				http.getString(located).length() / 1024.0, "KiB");
	}

	/**
	 * What a stream of FILE_LOCATIONS and CHUNK_REGISTER did to a tracker: latencies in
	 * nanoseconds, answers that were not 200, and the registry compared with every
	 * registration that was answered 200.
	 */
	record Traffic(long[] locations, long[] registers, long errors, long lostChunks, long phantomChunks,
			double trackerCpuSeconds, double trackerJitPercent, Duration warmedUp) {

		/**
		 * Registers {@code peers} simulated peers and their chunks of {@value #FILE},
		 * then runs the stream from {@code clients} threads through {@code warmUp},
		 * unmeasured but for its errors, and for {@code duration}, measured.
		 * @param tracker the tracker's process, whose CPU time the stream is measured by;
		 * null when it serves other traffic too
		 */
		static Traffic drive(String url, WarmUp warmUp, Duration duration, int clients, int peers, JavaProcess tracker)
				throws Exception {
			BitSet[] held = new BitSet[peers];
			Arrays.setAll(held, (peer) -> new BitSet());
			String[] secrets = populate(url, held);
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			AtomicLong errors = new AtomicLong();
			ExecutorService pool = Executors.newFixedThreadPool(clients);
			try {
				Duration warmedUp = Duration.ZERO;
				if (!warmUp.least().isZero()) {
					stream(pool, clients, client, url, warmUp.least(), errors, held, secrets);
					warmedUp = warmUp.least();
				}
				while (tracker != null && warmedUp.compareTo(warmUp.most()) < 0) {
					Measured<long[][]> slice = Measured.of(tracker,
							() -> stream(pool, clients, client, url, WARM_UP_SLICE, errors, held, secrets));
					warmedUp = warmedUp.plus(WARM_UP_SLICE);
					System.out.printf(Locale.ROOT, "  tracker warm-up at %d s: its JIT compilers %.1f %% of its CPU%n",
							warmedUp.toSeconds(), slice.jitPercent());
					if (slice.jitPercent() < SETTLED_JIT_PERCENT) {
						break;
					}
				}
				Measured<long[][]> measured = Measured.of(tracker,
						() -> stream(pool, clients, client, url, duration, errors, held, secrets));
				long[] mismatches = compare(url, held);
				return new Traffic(measured.value()[0], measured.value()[1], errors.get(), mismatches[0], mismatches[1],
						measured.cpuSeconds(), measured.jitPercent(), warmedUp);
			}
			finally {
				pool.shutdown();
			}
		}

		/**
		 * The stream from every client until the time is up: {locations, registers},
		 * sorted.
		 */
		private static long[][] stream(ExecutorService pool, int clients, HttpClient client, String url,
				Duration duration, AtomicLong errors, BitSet[] held, String[] secrets) throws Exception {
			long deadline = System.nanoTime() + duration.toNanos();
			List<Future<long[][]>> running = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				long seed = c;
				running.add(pool.submit(() -> TrackerLoadBench.drive(client, url, deadline, new SplittableRandom(seed),
						errors, held, secrets)));
			}
			long[] locations = new long[0];
			long[] registers = new long[0];
			for (Future<long[][]> future : running) {
				long[][] latencies = future.get();
				locations = concat(locations, latencies[0]);
				registers = concat(registers, latencies[1]);
			}
			Arrays.sort(locations);
			Arrays.sort(registers);
			return new long[][] { locations, registers };
		}

		void report(Results results, String benchmark, String parameters, Duration duration) {
			double seconds = duration.toNanos() / 1e9;
			results.add(benchmark, parameters, "requests per second",
					(this.locations.length + this.registers.length) / seconds, "req/s");
			reportOperation(results, benchmark, parameters, "FILE_LOCATIONS", this.locations, seconds);
			reportOperation(results, benchmark, parameters, "CHUNK_REGISTER", this.registers, seconds);
			if (!Double.isNaN(this.trackerCpuSeconds)) {
				results.add(benchmark, parameters, "tracker CPU per request",
						1000 * this.trackerCpuSeconds / (this.locations.length + this.registers.length), "ms");
				results.add(benchmark, parameters, "of it the tracker's JIT compilers", this.trackerJitPercent, "%");
			}
			results.add(benchmark, parameters, "errors", this.errors, "");
			results.add(benchmark, parameters, "chunks registered but not listed (lost)", this.lostChunks, "");
			results.add(benchmark, parameters, "chunks listed but never registered", this.phantomChunks, "");
		}

		private static void reportOperation(Results results, String benchmark, String parameters, String operation,
				long[] sortedNanos, double seconds) {
			results.add(benchmark, parameters, operation + " per second", sortedNanos.length / seconds, "req/s");
			results.add(benchmark, parameters, operation + " p50", percentile(sortedNanos, 0.50) / 1e6, "ms");
			results.add(benchmark, parameters, operation + " p99", percentile(sortedNanos, 0.99) / 1e6, "ms");
		}

	}

	/**
	 * How long the load runs unmeasured first.
	 *
	 * @param least how long it runs in any case
	 * @param most how long it may run on, in slices, while the tracker's JIT compilers
	 * take {@value #SETTLED_JIT_PERCENT} % of its CPU or more
	 */
	record WarmUp(Duration least, Duration most) {

		static WarmUp exactly(Duration duration) {
			return new WarmUp(duration, duration);
		}

	}

	/** One client: alternates the two operations, timing each; {locations, registers}. */
	private static long[][] drive(HttpClient client, String url, long deadline, SplittableRandom random,
			AtomicLong errors, BitSet[] held, String[] secrets) throws InterruptedException {
		long[] locations = new long[1 << 16];
		long[] registers = new long[1 << 16];
		int located = 0;
		int registered = 0;
		HttpRequest locate = HttpRequest
			.newBuilder(URI.create(url + "/api/v1/files/" + FILE + "/locations" + AS_AGENTS_ASK))
			.GET()
			.build();
		while (System.nanoTime() < deadline) {
			boolean register = random.nextBoolean();
			// peer 0 too: its registrations keep it alive through runs longer than the
			// TTL
			int peer = random.nextInt(held.length);
			List<Integer> chunks = random.ints(8, 0, CHUNKS).boxed().toList();
			HttpRequest request = register ? chunkRegistration(url, peer, secrets[peer], chunks) : locate;
			long started = System.nanoTime();
			try {
				HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() != 200) {
					errors.incrementAndGet();
				}
				else if (register) {
					synchronized (held[peer]) {
						chunks.forEach(held[peer]::set);
					}
				}
			}
			catch (IOException ex) {
				errors.incrementAndGet();
			}
			long elapsed = System.nanoTime() - started;
			if (register) {
				registers = grow(registers, registered);
				registers[registered++] = elapsed;
			}
			else {
				locations = grow(locations, located);
				locations[located++] = elapsed;
			}
		}
		return new long[][] { Arrays.copyOf(locations, located), Arrays.copyOf(registers, registered) };
	}

	private static HttpRequest chunkRegistration(String url, int peer, String secret, List<Integer> chunks) {
		String body = Http.json.writeValueAsString(Map.of("peerId", peerId(peer), "chunks", chunks));
		return HttpRequest.newBuilder(URI.create(url + "/api/v1/files/" + FILE + "/chunks" + AS_DOWNLOADERS_REPORT))
			.header("Content-Type", "application/json")
			.header(Http.SECRET_HEADER, secret)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	/**
	 * The registry against what was sent and answered 200: {chunks sent but not listed,
	 * chunks listed but never sent}, over every peer.
	 */
	private static long[] compare(String url, BitSet[] held) throws IOException, InterruptedException {
		JsonNode locations = new Http().get(url + "/api/v1/files/" + FILE + "/locations");
		BitSet[] listed = new BitSet[held.length];
		Arrays.setAll(listed, (peer) -> new BitSet());
		for (JsonNode peer : locations.get("peers")) {
			int index = Integer.parseInt(peer.get("peerId").asString().substring("bench-peer-".length()));
			for (JsonNode range : peer.get("chunks")) {
				listed[index].set(range.get("first").asInt(), range.get("last").asInt() + 1);
			}
		}
		long lost = 0;
		long phantom = 0;
		for (int peer = 0; peer < held.length; peer++) {
			BitSet missing = (BitSet) held[peer].clone();
			missing.andNot(listed[peer]);
			BitSet extra = (BitSet) listed[peer].clone();
			extra.andNot(held[peer]);
			lost += missing.cardinality();
			phantom += extra.cardinality();
		}
		return new long[] { lost, phantom };
	}

	/**
	 * Peer 0 holds the file whole; the others register and then hold half its chunks
	 * each.
	 * @return the secret each peer was issued, by index
	 */
	private static String[] populate(String url, BitSet[] held) throws IOException, InterruptedException {
		Http http = new Http();
		SplittableRandom random = new SplittableRandom(7);
		List<String> hashes = new ArrayList<>();
		for (int i = 0; i < CHUNKS; i++) {
			hashes.add(randomHex(random));
		}
		Map<String, Object> file = Map.of("name", FILE, "size", (long) CHUNKS * CHUNK_SIZE, "chunkSize", CHUNK_SIZE,
				"sha256", randomHex(random), "chunkHashes", hashes);
		held[0].set(0, CHUNKS);
		String[] secrets = new String[held.length];
		for (int peer = 0; peer < held.length; peer++) {
			String answer = http.post(url + "/api/v1/register", Map.of("peerId", peerId(peer), "host", "127.0.0.1",
					"port", 20000 + peer, "files", (peer == 0) ? List.of(file) : List.of()));
			secrets[peer] = Http.json.readTree(answer).get("peerSecret").asString();
		}
		for (int peer = 1; peer < held.length; peer++) {
			List<Integer> half = new ArrayList<>();
			for (int chunk = 0; chunk < CHUNKS; chunk++) {
				if (random.nextBoolean()) {
					half.add(chunk);
				}
			}
			http.post(url + "/api/v1/files/" + FILE + "/chunks", Map.of("peerId", peerId(peer), "chunks", half),
					secrets[peer]);
			half.forEach(held[peer]::set);
		}
		return secrets;
	}

	private static String peerId(int index) {
		return String.format(Locale.ROOT, "bench-peer-%03d", index);
	}

	private static String randomHex(SplittableRandom random) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static long[] grow(long[] array, int used) {
		return (used < array.length) ? array : Arrays.copyOf(array, array.length * 2);
	}

	private static long[] concat(long[] a, long[] b) {
		long[] all = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

	private static double percentile(long[] sorted, double fraction) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
	}

}
