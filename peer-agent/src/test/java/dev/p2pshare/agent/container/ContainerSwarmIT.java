package dev.p2pshare.agent.container;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.PeerLocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.slf4j.LoggerFactory;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The images as users run them: built from the Dockerfiles and the jars of this build, a
 * tracker, a seed and two leeches on one Docker network, talking by their network names.
 * The leeches fetch a file on their own (as in the compose demo) and the bytes they hold
 * are checked by SHA-256 from outside the containers. Skipped where no Docker engine
 * answers; {@code BASE_IMAGE} picks the JRE base image (default the official Temurin
 * one).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerSwarmIT {

	private static final String BASE_IMAGE = System.getenv().getOrDefault("BASE_IMAGE", "eclipse-temurin:17-jre");

	private static final Duration PATIENCE = Duration.ofMinutes(3);

	private static final String FILE = "video.mkv";

	private static final byte[] CONTENT = new byte[6 * 1024 * 1024 + 4321];

	private static final Network network = Network.newNetwork();

	private static GenericContainer<?> tracker;

	private static GenericContainer<?> seed;

	private static List<GenericContainer<?>> leeches;

	@BeforeAll
	static void startSwarm() {
		new Random(42).nextBytes(CONTENT);
		ImageFromDockerfile trackerImage = image("p2p-share/tracker-service:test", "p2p.tracker-dir");
		ImageFromDockerfile agentImage = image("p2p-share/peer-agent:test", "p2p.agent-dir");
		tracker = new GenericContainer<>(trackerImage).withNetwork(network)
			.withNetworkAliases("tracker")
			.withExposedPorts(8080)
			.waitingFor(Wait.forHttp("/actuator/health/readiness").forStatusCode(200))
			.withStartupTimeout(PATIENCE);
		tracker.start();
		// the file is copied in as root beside the share directory; the agent, not root,
		// creates the share directory, as a user's volume would be
		seed = peer(agentImage, "seed").withEnv("PEER_MODE", "seed")
			.withEnv("PEER_CHUNK_SIZE", "256KB")
			.withEnv("PEER_SERVER_UPLOAD_RATE", "4MB")
			.withCopyToContainer(Transferable.of(CONTENT, 0644), "/input/" + FILE)
			.withCreateContainerCmdModifier((command) -> command.withEntrypoint("bash", "-c",
					"mkdir -p /data/share && cp /input/* /data/share/ && exec java -jar peer-agent.jar"));
		seed.start();
		leeches = List.of(peer(agentImage, "leech-1"), peer(agentImage, "leech-2"));
		leeches.forEach((leech) -> leech.withEnv("PEER_DOWNLOAD", FILE));
		leeches.parallelStream().forEach(GenericContainer::start);
	}

	@AfterAll
	static void stopSwarm() {
		if (leeches != null) {
			leeches.forEach(GenericContainer::stop);
		}
		if (seed != null) {
			seed.stop();
		}
		if (tracker != null) {
			tracker.stop();
		}
		network.close();
	}

	@Test
	void leechesInContainersFetchTheFileFromTheSeedAndEachOther() {
		String expected = HexFormat.of().formatHex(sha256().digest(CONTENT));
		for (GenericContainer<?> leech : leeches) {
			RestClient api = RestClient.create("http://" + leech.getHost() + ":" + leech.getMappedPort(8081));
			await().atMost(PATIENCE)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> api.get().uri("/api/v1/downloads/{f}", FILE).retrieve().body(String.class),
						(status) -> status.contains("\"state\":\"COMPLETE\""));
			String held = leech.copyFileFromContainer("/data/share/" + FILE, ContainerSwarmIT::sha256Of);
			assertThat(held).as("SHA-256 of %s in %s", FILE, leech.getNetworkAliases()).isEqualTo(expected);
		}

		RestClient trackerApi = RestClient.create("http://" + tracker.getHost() + ":" + tracker.getMappedPort(8080));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(trackerApi.get()
				.uri("/api/v1/files/{f}/locations", FILE)
				.retrieve()
				.body(FileLocations.class)
				.peers()).filteredOn(PeerLocation::complete)
				.extracting(PeerLocation::host)
				.as("peers advertise their network names, never a loopback address")
				.containsExactlyInAnyOrder("seed", "leech-1", "leech-2"));
	}

	@Test
	void theImagesReportHealthyToDocker() {
		for (GenericContainer<?> container : List.of(tracker, seed, leeches.get(0), leeches.get(1))) {
			await().atMost(PATIENCE)
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> container.getCurrentContainerInfo().getState().getHealth().getStatus(), "healthy"::equals);
		}
	}

	private static GenericContainer<?> peer(ImageFromDockerfile image, String name) {
		return new GenericContainer<>(image).withNetwork(network)
			.withNetworkAliases(name)
			.withEnv("PEER_ADVERTISED_HOST", name)
			.withEnv("PEER_TRACKER_URL", "http://tracker:8080")
			.withExposedPorts(8081)
			.withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("container." + name)).withPrefix(name))
			.waitingFor(Wait.forHttp("/actuator/health/readiness").forStatusCode(200))
			.withStartupTimeout(PATIENCE);
	}

	private static ImageFromDockerfile image(String tag, String moduleDirProperty) {
		Path module = Path.of(System.getProperty(moduleDirProperty));
		return new ImageFromDockerfile(tag, false).withDockerfile(module.resolve("Dockerfile"))
			.withBuildArg("BASE_IMAGE", BASE_IMAGE);
	}

	private static String sha256Of(InputStream in) throws Exception {
		try (DigestInputStream digesting = new DigestInputStream(in, sha256())) {
			digesting.transferTo(OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
