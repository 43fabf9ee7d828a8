package dev.p2pshare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --net=namespaces}: the swarms of table 1 on an emulated network, every peer on a
 * host of its own ({@link NetworkLab}), its upload capped by the kernel in its link and
 * not by the agent, which runs with no rate limit: symmetric (U for every host) and
 * asymmetric (a faster seed, slower leeches, where the second term of the bound rules).
 */
final class NetworkBench implements Placement.Hosts, UploadCaps {

	/** Ports every agent listens on: each host has an address of its own. */
	private static final int HTTP_PORT = 8080;

	private static final int CHUNK_PORT = 6881;

	private final NetworkLab lab;

	/** The current swarm's hosts, by the name of the JVM on each. */
	private final Map<String, NetworkLab.Host> hosts = new HashMap<>();

	private NetworkBench(NetworkLab lab) {
		this.lab = lab;
	}

	/**
	 * Runs the network swarms and writes {@code network.csv} and {@code network.txt} to
	 * {@code results}.
	 * @param leechCounts the swarms' sizes
	 * @param fileMibs the files each spreads, per cap
	 * @param capMib U, every host's upload in the symmetric case
	 */
	static void run(String[] args, AppJar trackerJar, AppJar agentJar, Path work, Path results,
			List<Integer> leechCounts, List<Integer> fileMibs, int capMib, int warmUps, int warmUpMib)
			throws IOException, InterruptedException {
		Results table = new Results();
		table.header();
		try (NetworkLab lab = NetworkLab.create()) {
			// after Ctrl-C: the processes first (JavaProcess.stopAll), then their hosts
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				JavaProcess.stopAll();
				lab.close();
			}, "network-lab-cut-short"));
			NetworkBench network = new NetworkBench(lab);
			System.out.printf("Network lab: hosts in %s.0/24, one namespace each, reached from %s%n", NetworkLab.SUBNET,
					lab.controlAddress());
			try (Tracker tracker = Tracker.start(trackerJar, work, network.place("tracker"))) {
				for (int leeches : leechCounts) {
					List<SwarmBench.Case> cases = List.of(new SwarmBench.Case(leeches, fileMibs, capMib),
							new SwarmBench.Case(leeches, fileMibs, capMib / 2, capMib * 2));
					new SwarmBench(agentJar, tracker, work.resolve("network"), table, warmUps, warmUpMib, network,
							network)
						.run(cases);
				}
			}
		}
		table.writeCsv(results.resolve("network.csv"));
		Files.writeString(results.resolve("network.txt"),
				String.format("Run on %s UTC, %d cores, %s, Java %s: `java -jar bench/target/bench.jar %s`.%n",
						LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' '),
						Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
						System.getProperty("java.version"), String.join(" ", args)));
		System.out.println("Saved " + results.resolve("network.csv"));
	}

	/** A new host for each JVM. */
	@Override
	public Placement place(String name) throws IOException, InterruptedException {
		NetworkLab.Host host = this.lab.addHost(name);
		this.hosts.put(name, host);
		return new Placement(host.enter(), host.address(), HTTP_PORT, CHUNK_PORT);
	}

	@Override
	public String benchmark() {
		return "swarm-network";
	}

	/** No rate limit in the agents: the links cap them. */
	@Override
	public String agentUploadRate(SwarmBench.Case scenario) {
		return "0B";
	}

	@Override
	public void apply(Swarm swarm, SwarmBench.Case scenario) throws IOException, InterruptedException {
		swarm.capUploads(0);
		for (Map.Entry<String, NetworkLab.Host> host : this.hosts.entrySet()) {
			if (host.getKey().equals("seed")) {
				this.lab.shape(host.getValue(), (long) scenario.seedCapMibPerSecond() * TestFiles.MIB);
			}
			else if (host.getKey().startsWith("leech-")) {
				this.lab.shape(host.getValue(), (long) scenario.capMibPerSecond() * TestFiles.MIB);
			}
		}
	}

}
