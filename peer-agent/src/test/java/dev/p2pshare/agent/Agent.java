package dev.p2pshare.agent;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.p2pshare.agent.chunkserver.ChunkServer;
import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.agent.tracker.TrackerSync;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
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

	private RestClient http;

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
		args.addAll(List.of(properties));
		Agent agent = new Agent(name, shareDir, args);
		agent.launch();
		return agent;
	}

	/**
	 * The agent as users start it, {@code java -jar peer-agent.jar}, in its own process
	 * with its output in {@code log}; on loopback, with no menu and a random HTTP port.
	 */
	static Process startProcess(Path log, String... properties) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", "target/peer-agent.jar",
				"--peer.advertised-host=127.0.0.1", "--server.port=0", "--peer.menu=false"));
		command.addAll(List.of(properties));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	/** Starts it again on the same share directory, as after a restart. */
	void launch() {
		this.context = new SpringApplicationBuilder(PeerAgentApplication.class).run(this.args.toArray(String[]::new));
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		this.http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
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

	DownloadStatus download(String fileName) {
		return this.http.post()
			.uri("/api/v1/downloads")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("fileName", fileName))
			.retrieve()
			.body(DownloadStatus.class);
	}

	DownloadStatus status(String fileName) {
		return this.http.get().uri("/api/v1/downloads/{f}", fileName).retrieve().body(DownloadStatus.class);
	}

	List<DownloadStatus> downloads() {
		return this.http.get().uri("/api/v1/downloads").retrieve().body(new ParameterizedTypeReference<>() {
		});
	}

	RestClient http() {
		return this.http;
	}

	@Override
	public void close() {
		if (this.context != null && this.context.isActive()) {
			this.context.close();
		}
	}

}
