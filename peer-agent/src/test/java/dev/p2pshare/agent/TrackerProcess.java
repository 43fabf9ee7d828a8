package dev.p2pshare.agent;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.p2pshare.dto.FileList;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.PeerLocation;
import org.awaitility.Awaitility;

import org.springframework.web.client.RestClient;

/**
 * The real tracker, started from its jar as its own process on a free loopback port, with
 * its H2 file in a directory of the test's.
 */
final class TrackerProcess implements AutoCloseable {

	private final Path directory;

	private final List<String> extraArgs;

	private final int port;

	private Process process;

	private TrackerProcess(Path directory, int port, List<String> extraArgs) {
		this.directory = directory;
		this.port = port;
		this.extraArgs = extraArgs;
	}

	static TrackerProcess start(Path directory, String... extraArgs) throws IOException, InterruptedException {
		TrackerProcess tracker = new TrackerProcess(directory, freePort(), List.of(extraArgs));
		tracker.launch();
		return tracker;
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/** Waits until the tracker lists this many files, as seeds register them. */
	void awaitFiles(int count) {
		RestClient api = RestClient.builder().baseUrl(url().toString()).build();
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> api.get().uri("/api/v1/files").retrieve().body(FileList.class).count() == count);
	}

	/** Starts it again on the same port and data, as after a crash or an upgrade. */
	void launch() throws IOException, InterruptedException {
		String jar = System.getProperty("p2p.tracker-jar", "../tracker-service/target/tracker-service.jar");
		if (!Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("No tracker jar at " + jar + ": run the whole build (./mvnw verify)");
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar, "--server.port=" + this.port,
				"--spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("tracker-db") + ";LOCK_TIMEOUT=10000",
				"--tracker.peer-ttl=6s", "--tracker.heartbeat-interval=1s", "--tracker.purge-after=60s"));
		command.addAll(this.extraArgs);
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("tracker.log").toFile())
			.start();
		awaitReady();
	}

	private void awaitReady() throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest ready = HttpRequest.newBuilder(url().resolve("/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The tracker exited; see " + this.directory.resolve("tracker.log"));
			}
			try {
				if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			TimeUnit.MILLISECONDS.sleep(200);
		}
		throw new IllegalStateException("The tracker did not get ready; see " + this.directory.resolve("tracker.log"));
	}

	/** Stops it the hard way, as a crash would. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				kill();
			}
		}
	}

	/** The ids of the live peers the tracker lists as holding the whole file. */
	List<String> completeSources(String fileName) {
		return RestClient.create(url().toString())
			.get()
			.uri("/api/v1/files/{f}/locations", fileName)
			.retrieve()
			.body(FileLocations.class)
			.peers()
			.stream()
			.filter(PeerLocation::complete)
			.map(PeerLocation::peerId)
			.toList();
	}

	/** A loopback port nothing listens on right now. */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
