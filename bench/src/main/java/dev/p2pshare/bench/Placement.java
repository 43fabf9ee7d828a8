package dev.p2pshare.bench;

import java.io.IOException;
import java.util.List;

/**
 * Where one of the bench's JVMs runs: the command that enters its host (none on
 * loopback), the address it listens on and other peers reach it at, and its ports.
 */
record Placement(List<String> enter, String address, int httpPort, int tcpPort) {

	/** Hands out a place for each JVM a swarm starts, by its name. */
	@FunctionalInterface
	interface Hosts {

		/** Every JVM on this machine's loopback, each with free ports of its own. */
		Hosts LOOPBACK = (name) -> new Placement(List.of(), "127.0.0.1", Swarm.freePort(), Swarm.freePort());

		Placement place(String name) throws IOException, InterruptedException;

	}

	String url() {
		return "http://" + this.address + ":" + this.httpPort;
	}

}
