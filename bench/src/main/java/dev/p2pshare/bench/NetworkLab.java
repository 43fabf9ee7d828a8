package dev.p2pshare.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Hosts on an emulated network: a network namespace per host, each with its own address
 * in {@value #SUBNET}.0/24 on one bridge (in a namespace of its own), the host's upload
 * shaped by the kernel ({@code tbf} on its link's egress), and one link from the bench's
 * namespace to the bridge, through which the bench drives the agents' APIs. Traffic stays
 * on these links: no host has a route elsewhere. Everything it made is removed on
 * {@link #close}, on Ctrl-C (the JVM's shutdown), and by a watchdog process when the
 * bench is killed outright.
 */
final class NetworkLab implements AutoCloseable {

	/** A private range; a machine that routes it already is refused. */
	static final String SUBNET = "10.250.77";

	private static final String PREFIX = "p2pb";

	/** The control link's address in the bench's namespace. */
	private static final int CONTROL_HOST = 254;

	/** How long the queue of a shaped link may delay a packet before tbf drops it. */
	private static final String QUEUE_LATENCY = "50ms";

	private final String id;

	private final List<String> namespaces = new ArrayList<>();

	private boolean closed;

	/** A host of the lab: its namespace, and its address in it. */
	record Host(String name, String namespace, String address) {

		/** The command that runs a program on this host. */
		List<String> enter() {
			return List.of("ip", "netns", "exec", this.namespace);
		}

	}

	private NetworkLab(String id) {
		this.id = id;
	}

	/**
	 * Why the lab cannot be made here, before anything is: it needs root, {@code ip} and
	 * {@code tc}, and the subnet free.
	 * @return the reason, or {@code null}
	 */
	static String refusal() throws IOException, InterruptedException {
		String status = Files.readString(Path.of("/proc/self/status"), StandardCharsets.UTF_8);
		if (!status.lines().anyMatch((line) -> line.matches("Uid:\\s+0\\s.*"))) {
			return "--net=namespaces makes network namespaces and shapes links: run it as root";
		}
		for (String tool : List.of("ip", "tc")) {
			if (run(false, "sh", "-c", "command -v " + tool) != 0) {
				return "--net=namespaces needs '" + tool + "' (Debian's iproute2)";
			}
		}
		removeStale();
		if (output("ip", "-o", "route").contains(SUBNET + ".")) {
			return "this machine already routes " + SUBNET + ".0/24, which the lab would take";
		}
		return null;
	}

	/** Makes the bridge, the control link and the watchdog. */
	static NetworkLab create() throws IOException, InterruptedException {
		NetworkLab lab = new NetworkLab(PREFIX + ProcessHandle.current().pid());
		lab.startWatchdog();
		try {
			String bridge = lab.namespace("br");
			run(true, "ip", "-n", bridge, "link", "add", "br0", "type", "bridge");
			run(true, "ip", "-n", bridge, "link", "set", "br0", "up");
			run(true, "ip", "link", "add", lab.id, "type", "veth", "peer", "name", "ctl", "netns", bridge);
			run(true, "ip", "-n", bridge, "link", "set", "ctl", "master", "br0", "up");
			run(true, "ip", "addr", "add", SUBNET + "." + CONTROL_HOST + "/24", "dev", lab.id);
			run(true, "ip", "link", "set", lab.id, "up");
		}
		catch (IOException | InterruptedException ex) {
			lab.close();
			throw ex;
		}
		return lab;
	}

	/** Adds a host with the next address, its upload not shaped yet. */
	Host addHost(String name) throws IOException, InterruptedException {
		int number = this.namespaces.size();
		if (number >= CONTROL_HOST) {
			throw new IOException("the lab holds at most " + (CONTROL_HOST - 1) + " hosts");
		}
		String namespace = namespace("h" + number);
		String link = "h" + number;
		String bridge = this.namespaces.get(0);
		Host host = new Host(name, namespace, SUBNET + "." + number);
		run(true, "ip", "link", "add", "eth0", "netns", namespace, "type", "veth", "peer", "name", link, "netns",
				bridge);
		run(true, "ip", "-n", bridge, "link", "set", link, "master", "br0", "up");
		run(true, "ip", "-n", namespace, "addr", "add", host.address() + "/24", "dev", "eth0");
		run(true, "ip", "-n", namespace, "link", "set", "eth0", "up");
		return host;
	}

	/**
	 * Caps what the host sends at this many bytes per second on the wire (TCP/IP headers
	 * included), or lifts the cap (0).
	 */
	void shape(Host host, long bytesPerSecond) throws IOException, InterruptedException {
		if (bytesPerSecond <= 0) {
			run(false, "ip", "netns", "exec", host.namespace(), "tc", "qdisc", "del", "dev", "eth0", "root");
			return;
		}
		// the bucket holds at least 10 ms of the rate, as tbf needs at these rates
		long burst = Math.max(64 * 1024, bytesPerSecond / 100);
		run(true, "ip", "netns", "exec", host.namespace(), "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf",
				"rate", bytesPerSecond + "bps", "burst", String.valueOf(burst), "latency", QUEUE_LATENCY);
	}

	/** The address the bench reaches the hosts from. */
	String controlAddress() {
		return SUBNET + "." + CONTROL_HOST;
	}

	/** Removes every namespace and link the lab made; safe to call more than once. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			run(false, "ip", "link", "del", this.id);
			for (int i = this.namespaces.size() - 1; i >= 0; i--) {
				run(false, "ip", "netns", "del", this.namespaces.get(i));
			}
		}
		catch (IOException ex) {
			System.out.println("Could not remove the lab's namespaces (the watchdog will): " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String namespace(String suffix) throws IOException, InterruptedException {
		String name = this.id + "-" + suffix;
		run(true, "ip", "netns", "add", name);
		this.namespaces.add(name);
		run(true, "ip", "-n", name, "link", "set", "lo", "up");
		return name;
	}

	/**
	 * A shell that waits for this JVM to end, however it ends, then removes what the lab
	 * made.
	 */
	private void startWatchdog() throws IOException {
		long pid = ProcessHandle.current().pid();
		new ProcessBuilder("sh", "-c",
				String.format(Locale.ROOT, "while kill -0 %d 2>/dev/null; do sleep 1; done; %s", pid, cleanup(this.id)))
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
	}

	/**
	 * Removes what an earlier run, since killed, left behind while its watchdog was away.
	 */
	private static void removeStale() throws IOException, InterruptedException {
		for (String line : output("ip", "netns", "list").lines().toList()) {
			String name = line.split("\\s+")[0];
			if (name.matches(PREFIX + "\\d+-.*")) {
				long pid = Long.parseLong(name.substring(PREFIX.length(), name.indexOf('-')));
				if (ProcessHandle.of(pid).isEmpty()) {
					run(false, "sh", "-c", cleanup(PREFIX + pid));
				}
			}
		}
	}

	/**
	 * The shell commands that stop what still runs on the lab's hosts (asked first,
	 * killed after two seconds) and remove its namespaces and control link.
	 */
	private static String cleanup(String id) {
		return String.format(Locale.ROOT,
				"labs=$(ip netns list | awk '{print $1}' | grep '^%1$s-'); "
						+ "for ns in $labs; do ip netns pids \"$ns\" | xargs -r kill 2>/dev/null; done; "
						+ "[ -n \"$labs\" ] && sleep 2; "
						+ "for ns in $labs; do ip netns pids \"$ns\" | xargs -r kill -9 2>/dev/null; "
						+ "ip netns del \"$ns\"; done; ip link del %1$s 2>/dev/null; true",
				id);
	}

	/** What a command printed (output and errors together). */
	private static String output(String... command) throws IOException, InterruptedException {
		return exec(command).output();
	}

	/** Runs a command; when {@code check}, one that fails is an error with its output. */
	private static int run(boolean check, String... command) throws IOException, InterruptedException {
		Exec done = exec(command);
		if (check && done.code() != 0) {
			throw new IOException(String.join(" ", command) + " failed: " + done.output().strip());
		}
		return done.code();
	}

	private record Exec(int code, String output) {
	}

	private static Exec exec(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IOException(String.join(" ", command) + " did not end in 30 s");
		}
		return new Exec(process.exitValue(), out);
	}

}
