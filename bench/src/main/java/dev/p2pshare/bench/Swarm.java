package dev.p2pshare.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * One seed and N leeches on the run's tracker, each its own JVM on loopback, run from the
 * built jars with the options users have: the swarm a benchmark scenario measures.
 */
final class Swarm implements AutoCloseable {

	/** Every port {@link #freePort()} gave out in this run. */
	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	private static final long STARTUP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

	private final AppJar agent;

	private final Path directory;

	private final Http http = new Http();

	private final List<JavaProcess> processes = new ArrayList<>();

	private final Tracker tracker;

	private final String trackerUrl;

	private final List<Peer> leeches = new ArrayList<>();

	private final Placement.Hosts hosts;

	private Peer seed;

	/** A peer agent of the swarm and its HTTP API. */
	record Peer(JavaProcess process, String url, Path shareDir) {
	}

	/**
	 * A swarm of agents on this tracker, which it uses but does not stop.
	 * @param agent the peer agent's jar
	 * @param directory where its agents' directories and logs go
	 */
	Swarm(AppJar agent, Tracker tracker, Path directory) {
		this(agent, tracker, directory, Placement.Hosts.LOOPBACK);
	}

	/** The same, each agent on a host of its own. */
	Swarm(AppJar agent, Tracker tracker, Path directory, Placement.Hosts hosts) {
		this.hosts = hosts;
		this.agent = agent;
		this.tracker = tracker;
		this.trackerUrl = tracker.url();
		this.directory = directory;
	}

	String trackerUrl() {
		return this.trackerUrl;
	}

	/**
	 * Starts the seed on a directory holding the file and waits until the tracker lists
	 * it.
	 */
	Peer seed(Path shareDir, String fileName, List<String> jvmOptions, List<String> properties)
			throws IOException, InterruptedException {
		if (this.seed == null) {
			List<String> seedProperties = new ArrayList<>(properties);
			seedProperties.add("--peer.mode=seed");
			this.seed = agent("seed", shareDir, jvmOptions, seedProperties);
		}
		long deadline = System.nanoTime() + STARTUP_TIMEOUT_NANOS;
		while (completeSources(fileName) < 1) {
			if (System.nanoTime() > deadline) {
				throw new IOException("the tracker does not list the seed's " + fileName);
			}
			TimeUnit.MILLISECONDS.sleep(200);
		}
		return this.seed;
	}

	/**
	 * Starts leeches (in parallel) and waits until each is registered with the tracker.
	 */
	List<Peer> leeches(int count, List<String> jvmOptions, List<String> properties)
			throws IOException, InterruptedException {
		List<Peer> started = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			String name = "leech-" + (this.leeches.size() + i);
			started.add(launch(name, this.directory.resolve(name), jvmOptions, properties));
		}
		for (Peer peer : started) {
			awaitUp(this.http, peer.url() + "/actuator/health/readiness", peer.process(),
					this.directory.resolve("logs"));
		}
		this.leeches.addAll(started);
		return started;
	}

	Peer seed() {
		return this.seed;
	}

	/** The tracker's process, shared with the other benchmarks of the run. */
	JavaProcess tracker() {
		return this.tracker.process();
	}

	/** The id a peer registered under, from its health details. */
	String peerId(Peer peer) throws IOException, InterruptedException {
		return this.http.get(peer.url() + "/actuator/health")
			.get("components")
			.get("peer")
			.get("details")
			.get("peerId")
			.asString();
	}

	/** CPU time of the JIT compilers of every agent of the swarm, summed. */
	double compilerCpuSeconds() throws IOException {
		double seconds = 0;
		for (JavaProcess agent : this.processes) {
			seconds += agent.compilerCpuSeconds();
		}
		return seconds;
	}

	/**
	 * The share of the machine's cores the agents' JIT compilers took over the last
	 * {@code seconds}, from their {@link #compilerCpuSeconds} at the start.
	 */
	double compilerPercentSince(double compilingAtStart, double seconds) throws IOException {
		return 100 * (compilerCpuSeconds() - compilingAtStart) / (seconds * Runtime.getRuntime().availableProcessors());
	}

	/** Asks a leech to download a file. */
	void download(Peer leech, String fileName) throws IOException, InterruptedException {
		this.http.post(leech.url() + "/api/v1/downloads", Map.of("fileName", fileName));
	}

	/** Asks these leeches to download a file, all at once. */
	void downloadAll(List<Peer> leeches, String fileName) throws IOException, InterruptedException {
		this.http.postAll(leeches.stream().map((leech) -> leech.url() + "/api/v1/downloads").toList(),
				Map.of("fileName", fileName));
	}

	/**
	 * Caps every peer's upload at this rate from now on (0: no cap), through the API a
	 * user would change it with.
	 */
	void capUploads(long bytesPerSecond) throws IOException, InterruptedException {
		List<Peer> peers = new ArrayList<>(this.leeches);
		peers.add(this.seed);
		for (Peer peer : peers) {
			this.http.put(peer.url() + "/api/v1/limits",
					Map.of("uploadBytesPerSecond", bytesPerSecond, "downloadBytesPerSecond", 0));
		}
	}

	/** Every download a leech knows, as its API reports them. */
	JsonNode downloads(Peer leech) throws IOException, InterruptedException {
		return this.http.get(leech.url() + "/api/v1/downloads");
	}

	/** A leech's status of a download, as its API reports it. */
	JsonNode status(Peer leech, String fileName) throws IOException, InterruptedException {
		return this.http.get(leech.url() + "/api/v1/downloads/" + fileName);
	}

	/**
	 * How many FILE_LOCATIONS and CHUNK_REGISTER requests the tracker has answered so
	 * far, from its {@code tracker.operations} counters: {locations, chunk
	 * registrations}.
	 */
	long[] trackerOperations() throws IOException, InterruptedException {
		return new long[] { trackerOperations("file_locations"), trackerOperations("chunk_register") };
	}

	private long trackerOperations(String operation) throws IOException, InterruptedException {
		JsonNode counter = this.http
			.get(this.trackerUrl + "/actuator/metrics/tracker.operations?tag=operation:" + operation);
		return counter.get("measurements").get(0).get("value").asLong();
	}

	private int completeSources(String fileName) {
		try {
			JsonNode files = this.http.get(this.trackerUrl + "/api/v1/files").get("files");
			for (JsonNode file : files) {
				if (file.get("name").asString().equals(fileName)) {
					return file.get("completeSources").asInt();
				}
			}
		}
		catch (IOException ex) {
			// not up yet
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return 0;
	}

	private Peer agent(String name, Path shareDir, List<String> jvmOptions, List<String> properties)
			throws IOException, InterruptedException {
		Peer peer = launch(name, shareDir, jvmOptions, properties);
		awaitUp(this.http, peer.url() + "/actuator/health/readiness", peer.process(), this.directory.resolve("logs"));
		return peer;
	}

	private Peer launch(String name, Path shareDir, List<String> jvmOptions, List<String> properties)
			throws IOException, InterruptedException {
		List<String> options = new ArrayList<>(jvmOptions);
		options.addAll(JavaProcess.optionsFromEnvironment("BENCH_AGENT_JVM_OPTIONS", name));
		Placement place = this.hosts.place(name);
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + place.httpPort(),
				"--peer.tcp-port=" + place.tcpPort(), "--peer.share-dir=" + shareDir,
				"--peer.tracker-url=" + this.trackerUrl, "--peer.advertised-host=" + place.address(),
				"--peer.menu=false", "--spring.application.name=" + name));
		arguments.addAll(properties);
		JavaProcess process = JavaProcess.start(place.enter(), name, this.agent, options, arguments,
				this.directory.resolve("logs/" + name + ".log"));
		this.processes.add(process);
		return new Peer(process, place.url(), shareDir);
	}

	static void awaitUp(Http http, String readiness, JavaProcess process, Path logs)
			throws IOException, InterruptedException {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT_NANOS;
		while (http.status(readiness) != 200) {
			process.checkRunning();
			if (System.nanoTime() > deadline) {
				throw new IOException(process.name() + " did not become ready; see " + logs);
			}
			TimeUnit.MILLISECONDS.sleep(200);
		}
	}

	/**
	 * A port free now, below Linux's ephemeral range (32768 up): a JVM binds it seconds
	 * later, and a port the kernel handed out could meanwhile become the local end of one
	 * of the swarm's many outgoing connections. Never the same port twice in one run: two
	 * agents started at once could otherwise both be given one that neither has bound
	 * yet.
	 */
	static int freePort() throws IOException {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(20_000, 32_768);
			if (!HANDED_OUT.add(port)) {
				continue;
			}
			try (ServerSocket socket = new ServerSocket(port)) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				// taken: try another
			}
		}
		throw new IOException("No free port found between 20000 and 32767");
	}

	@Override
	public void close() {
		for (int i = this.processes.size() - 1; i >= 0; i--) {
			this.processes.get(i).close();
		}
	}

}
