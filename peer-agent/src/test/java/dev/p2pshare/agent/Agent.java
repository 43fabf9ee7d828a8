package dev.p2pshare.agent;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.p2pshare.agent.chunkserver.ChunkServer;
import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.agent.tracker.TrackerSync;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * A real peer agent in this JVM, on ephemeral loopback ports, with its own share
 * directory.
 */
final class Agent implements AutoCloseable {

	private final String name;

	private final Path shareDir;

	private final List<String> args;

	private ConfigurableApplicationContext context;

	private AgentApi api;

	private Agent(String name, Path shareDir, List<String> args) {
		this.name = name;
		this.shareDir = shareDir;
		this.args = args;
	}

	static Agent start(String name, Path shareDir, URI tracker, String... properties) throws Exception {
		Files.createDirectories(shareDir);
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--peer.tcp-port=0",
				"--peer.share-dir=" + shareDir, "--peer.tracker-url=" + tracker, "--peer.advertised-host=127.0.0.1",
				"--peer.menu=false", "--peer.rescan-interval=1s", "--peer.transfer.locations-refresh=500ms",
				"--spring.application.name=" + name));
		// a property given twice on the command line binds as both values, comma-joined
		args.removeIf((arg) -> Stream.of(properties)
			.anyMatch((property) -> property.startsWith(arg.substring(0, arg.indexOf('=') + 1))));
		args.addAll(List.of(properties));
		Agent agent = new Agent(name, shareDir, args);
		agent.launch();
		return agent;
	}

	/**
	 * The agent as users start it, {@code java -jar peer-agent.jar}, in its own process
	 * with its output in {@code log}; on loopback, with no menu and a random HTTP port
	 * unless the properties name one.
	 */
	static Process startProcess(Path log, String... properties) throws IOException {
		return startProcess(log, List.of(), properties);
	}

	/** The same, with these JVM options too. */
	static Process startProcess(Path log, List<String> jvmOptions, String... properties) throws IOException {
		boolean portGiven = List.of(properties).stream().anyMatch((property) -> property.startsWith("--server.port="));
		List<String> command = processCommand(portGiven ? new String[0] : new String[] { "--server.port=0" });
		command.addAll(List.of(properties));
		command.addAll(1, jvmOptions);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	/**
	 * {@code java -jar peer-agent.jar} on loopback with no menu, and these properties.
	 */
	static List<String> processCommand(String... properties) {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(
				List.of(java, "-Xmx256m", "-jar", Path.of("target/peer-agent.jar").toAbsolutePath().toString(),
						"--peer.advertised-host=127.0.0.1", "--peer.menu=false"));
		command.addAll(List.of(properties));
		return command;
	}

	/** Starts it again on the same share directory, as after a restart. */
	void launch() {
		this.context = new SpringApplicationBuilder(PeerAgentApplication.class).run(this.args.toArray(String[]::new));
		this.api = new AgentApi(((WebServerApplicationContext) this.context).getWebServer().getPort());
	}

	String name() {
		return this.name;
	}

	Path shareDir() {
		return this.shareDir;
	}

	String peerId() {
		return this.context.getBean(TrackerSync.class).peerId();
	}

	int tcpPort() {
		return this.context.getBean(ChunkServer.class).port();
	}

	boolean isRegistered() {
		return this.context.getBean(TrackerSync.class).isRegistered();
	}

	double counter(String meter) {
		return this.context.getBean(MeterRegistry.class).counter(meter).count();
	}

	double activeUploads() {
		return this.context.getBean(MeterRegistry.class)
			.get("agent.transfers.active")
			.tag("direction", "up")
			.gauge()
			.value();
	}

	/** The chunks being fetched now, over all downloads. */
	double activeDownloads() {
		return this.context.getBean(MeterRegistry.class)
			.get("agent.transfers.active")
			.tag("direction", "down")
			.gauge()
			.value();
	}

	DownloadStatus download(String fileName) {
		return this.api.download(fileName);
	}

	DownloadStatus status(String fileName) {
		return this.api.status(fileName);
	}

	DownloadStatus awaitEnd(String fileName, Duration patience) {
		return this.api.awaitEnd(fileName, patience);
	}

	List<DownloadStatus> downloads() {
		return this.api.downloads();
	}

	RestClient http() {
		return this.api.http();
	}

	@Override
	public void close() {
		if (this.context != null && this.context.isActive()) {
			this.context.close();
		}
	}

}
