package dev.p2pshare.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tracker every benchmark of a run shares, its own JVM on loopback on the embedded H2
 * default, as one tracker serves swarm after swarm. Each swarm has files of its own, so
 * that no peer of a swarm that ended is offered as a source to the next, even one that
 * was killed before it could tell the tracker it leaves.
 */
final class Tracker implements AutoCloseable {

	private final JavaProcess process;

	private final String url;

	private Tracker(JavaProcess process, String url) {
		this.process = process;
		this.url = url;
	}

	static Tracker start(AppJar jar, Path directory) throws IOException, InterruptedException {
		return start(jar, directory, Placement.Hosts.LOOPBACK.place("tracker"));
	}

	/** The same, on the host of this placement. */
	static Tracker start(AppJar jar, Path directory, Placement place) throws IOException, InterruptedException {
		List<String> options = new ArrayList<>(List.of("-Xmx512m"));
		options.addAll(JavaProcess.optionsFromEnvironment("BENCH_TRACKER_JVM_OPTIONS", "tracker"));
		JavaProcess process = JavaProcess.start(place.enter(), "tracker", jar, options,
				List.of("--server.port=" + place.httpPort(), "--spring.datasource.url=jdbc:h2:file:"
						+ directory.resolve("tracker/db") + ";LOCK_TIMEOUT=10000"),
				directory.resolve("logs/tracker.log"));
		Tracker tracker = new Tracker(process, place.url());
		try {
			Swarm.awaitUp(new Http(), tracker.url + "/actuator/health/readiness", process, directory.resolve("logs"));
		}
		catch (IOException | InterruptedException ex) {
			tracker.close();
			throw ex;
		}
		return tracker;
	}

	String url() {
		return this.url;
	}

	JavaProcess process() {
		return this.process;
	}

	@Override
	public void close() {
		this.process.close();
	}

}
