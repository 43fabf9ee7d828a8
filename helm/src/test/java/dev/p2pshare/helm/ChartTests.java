package dev.p2pshare.helm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The chart in {@code helm/p2p-share}, linted and rendered by Helm itself (as a library)
 * and checked object by object, as a cluster would take them: selectors find their pods,
 * Services reach the ports the apps listen on, probes ask Actuator's real health groups,
 * and the values that cannot work are refused.
 */
class ChartTests {

	private static final Path CHART = Path.of(System.getProperty("p2p.chart-dir"));

	private static final Path ROOT = Path.of(System.getProperty("p2p.root-dir"));

	private static final KubernetesSerialization yaml = new KubernetesSerialization();

	@Test
	void lintsCleanInStrictMode() {
		LintResult result = new Helm(CHART).lint().strict().call();
		assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
	}

	@Test
	void defaultsRenderOneTrackerOnH2AndThreePeers() {
		Rendered rendered = render(Map.of());
		Deployment tracker = rendered.one(Deployment.class);
		StatefulSet peers = rendered.one(StatefulSet.class);
		assertThat(tracker.getSpec().getReplicas()).isOne();
		assertThat(tracker.getSpec().getStrategy().getType()).as("one process owns the H2 file").isEqualTo("Recreate");
		assertThat(env(container(tracker.getSpec().getTemplate()), "SPRING_DATASOURCE_URL"))
			.startsWith("jdbc:h2:file:/data/");
		assertThat(peers.getSpec().getReplicas()).isEqualTo(3);
		assertThat(rendered.all(Secret.class)).as("no database, no token: no secrets").isEmpty();
	}

	@Test
	void selectorsMatchThePodsAndServicesReachTheNamedPorts() {
		Rendered rendered = render(Map.of());
		Deployment tracker = rendered.one(Deployment.class);
		StatefulSet peers = rendered.one(StatefulSet.class);
		assertThat(tracker.getSpec().getTemplate().getMetadata().getLabels())
			.containsAllEntriesOf(tracker.getSpec().getSelector().getMatchLabels());
		assertThat(peers.getSpec().getTemplate().getMetadata().getLabels())
			.containsAllEntriesOf(peers.getSpec().getSelector().getMatchLabels());

		Service trackerService = rendered.named(Service.class, tracker.getMetadata().getName());
		assertThat(tracker.getSpec().getTemplate().getMetadata().getLabels())
			.containsAllEntriesOf(trackerService.getSpec().getSelector());
		assertThat(peers.getSpec().getTemplate().getMetadata().getLabels())
			.as("the tracker's Service must not select peers")
			.doesNotContainEntry("app.kubernetes.io/component", "tracker");
		assertReachesNamedPorts(trackerService, container(tracker.getSpec().getTemplate()));

		Service headless = rendered.named(Service.class, peers.getSpec().getServiceName());
		assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
		assertThat(peers.getSpec().getTemplate().getMetadata().getLabels())
			.containsAllEntriesOf(headless.getSpec().getSelector());
		assertReachesNamedPorts(headless, container(peers.getSpec().getTemplate()));
	}

	@Test
	void portsAreTheOnesTheAppsListenOn() throws Exception {
		Rendered rendered = render(Map.of());
		Container tracker = container(rendered.one(Deployment.class).getSpec().getTemplate());
		Container peer = container(rendered.one(StatefulSet.class).getSpec().getTemplate());
		assertThat(port(tracker, "http")).isEqualTo(Integer.parseInt(env(tracker, "SERVER_PORT")))
			.as("the tracker's own default, server.port in its application.yaml")
			.isEqualTo(yamlPort(ROOT.resolve("tracker-service/src/main/resources/application.yaml")));
		assertThat(port(peer, "http")).isEqualTo(Integer.parseInt(env(peer, "SERVER_PORT")))
			.isEqualTo(dockerfileEnv("peer-agent", "SERVER_PORT"));
		assertThat(port(peer, "chunks")).isEqualTo(Integer.parseInt(env(peer, "PEER_TCP_PORT")))
			.isEqualTo(dockerfileEnv("peer-agent", "PEER_TCP_PORT"));

		Rendered moved = render(Map.of("tracker.port", 9090, "peers.httpPort", 9091, "peers.tcpPort", 7000));
		Container movedTracker = container(moved.one(Deployment.class).getSpec().getTemplate());
		Container movedPeer = container(moved.one(StatefulSet.class).getSpec().getTemplate());
		assertThat(port(movedTracker, "http")).isEqualTo(9090);
		assertThat(env(movedTracker, "SERVER_PORT")).isEqualTo("9090");
		assertThat(port(movedPeer, "chunks")).isEqualTo(7000);
		assertThat(env(movedPeer, "PEER_TCP_PORT")).isEqualTo("7000");
		assertThat(env(movedPeer, "PEER_TRACKER_URL")).endsWith(":9090");
	}

	@Test
	void probesAskActuatorsHealthGroupsOnTheHttpPort() {
		Rendered rendered = render(Map.of());
		for (PodTemplateSpec pod : List.of(rendered.one(Deployment.class).getSpec().getTemplate(),
				rendered.one(StatefulSet.class).getSpec().getTemplate())) {
			Container container = container(pod);
			assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
			assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
			assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
			assertThat(pod.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
				.containsEntry("prometheus.io/path", "/actuator/prometheus")
				.containsEntry("prometheus.io/port", String.valueOf(port(container, "http")));
		}
	}

	@Test
	void peersAdvertiseTheirStableDnsNameAndFindTheTracker() {
		Rendered rendered = render(Map.of("peers.download[0]", "movie.mkv", "peers.download[1]", "album.zip"));
		StatefulSet peers = rendered.one(StatefulSet.class);
		Container peer = container(peers.getSpec().getTemplate());
		List<String> names = peer.getEnv().stream().map(EnvVar::getName).toList();
		assertThat(names.indexOf("POD_NAME")).as("defined before it is used")
			.isLessThan(names.indexOf("PEER_ADVERTISED_HOST"));
		assertThat(env(peer, "PEER_ADVERTISED_HOST"))
			.isEqualTo("$(POD_NAME)." + peers.getSpec().getServiceName() + ".$(POD_NAMESPACE).svc.cluster.local");
		Service tracker = rendered.named(Service.class, rendered.one(Deployment.class).getMetadata().getName());
		assertThat(env(peer, "PEER_TRACKER_URL")).isEqualTo(
				"http://" + tracker.getMetadata().getName() + ":" + tracker.getSpec().getPorts().get(0).getPort());
		assertThat(env(peer, "PEER_DOWNLOAD")).isEqualTo("movie.mkv,album.zip");
		assertThat(peers.getSpec().getVolumeClaimTemplates()).singleElement()
			.satisfies((claim) -> assertThat(peer.getVolumeMounts())
				.anySatisfy((mount) -> assertThat(mount.getName() + ":" + mount.getMountPath())
					.isEqualTo(claim.getMetadata().getName() + ":/data")));
	}

	@Test
	void podsRunAsTheImagesUnprivilegedUserOnAReadOnlyRoot() {
		Rendered rendered = render(Map.of());
		for (PodTemplateSpec pod : List.of(rendered.one(Deployment.class).getSpec().getTemplate(),
				rendered.one(StatefulSet.class).getSpec().getTemplate())) {
			assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
			assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(10001L);
			Container container = container(pod);
			assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
			assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
			assertThat(container.getVolumeMounts()).extracting("mountPath").contains("/tmp", "/data");
			assertThat(container.getResources().getLimits()).containsKey("memory");
		}
	}

	@Test
	void moreThanOneTrackerOnEmbeddedH2IsRefused() {
		assertThatException().isThrownBy(() -> render(Map.of("tracker.replicaCount", 2)))
			.withMessageContaining("tracker.replicaCount is 2")
			.withMessageContaining("tracker.database.url");
	}

	@Test
	void trackerReplicasRunOnPostgresWithCredentialsFromASecret() {
		Rendered rendered = render(Map.of("tracker.replicaCount", 3, "tracker.database.url",
				"jdbc:postgresql://db:5432/p2p", "tracker.database.existingSecret", "p2p-db"));
		Deployment tracker = rendered.one(Deployment.class);
		assertThat(tracker.getSpec().getReplicas()).isEqualTo(3);
		assertThat(tracker.getSpec().getStrategy()).as("rolling updates: replicas share nothing but the database")
			.isNull();
		Container container = container(tracker.getSpec().getTemplate());
		assertThat(env(container, "SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://db:5432/p2p");
		EnvVar password = container.getEnv()
			.stream()
			.filter((variable) -> variable.getName().equals("SPRING_DATASOURCE_PASSWORD"))
			.findFirst()
			.orElseThrow();
		assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("p2p-db");
		assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
		assertThat(rendered.all(Secret.class)).as("the user's Secret is used, none is made").isEmpty();

		Rendered made = render(
				Map.of("tracker.database.url", "jdbc:postgresql://db:5432/p2p", "tracker.database.password", "s3cret"));
		Secret secret = made.one(Secret.class);
		assertThat(secret.getData()).containsKeys("username", "password");
		assertThat(new String(java.util.Base64.getDecoder().decode(secret.getData().get("password"))))
			.isEqualTo("s3cret");
		assertThatException().isThrownBy(() -> render(Map.of("tracker.database.url", "jdbc:postgresql://db:5432/p2p")))
			.withMessageContaining("tracker.database.password");
	}

	@Test
	void theWriteTokenReachesTrackerAndPeersFromOneSecret() {
		Rendered rendered = render(Map.of("writeToken.value", "let-me-write"));
		Secret secret = rendered.one(Secret.class);
		for (Container container : List.of(container(rendered.one(Deployment.class).getSpec().getTemplate()),
				container(rendered.one(StatefulSet.class).getSpec().getTemplate()))) {
			EnvVar token = container.getEnv()
				.stream()
				.filter((variable) -> variable.getName().endsWith("WRITE_TOKEN"))
				.findFirst()
				.orElseThrow();
			assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret.getMetadata().getName());
			assertThat(secret.getData()).containsKey(token.getValueFrom().getSecretKeyRef().getKey());
		}
	}

	@Test
	void theSchemaRefusesValuesThatCannotWork() {
		assertThatException().isThrownBy(() -> render(Map.of("peers.mode", "both"))).withMessageContaining("mode");
		assertThatException().isThrownBy(() -> render(Map.of("tracker.port", 70000))).withMessageContaining("port");
		assertThatException().isThrownBy(() -> render(Map.of("tracker.replicaCount", 0)))
			.withMessageContaining("replicaCount");
		assertThatException().isThrownBy(() -> render(Map.of("tracker.databse.url", "jdbc:postgresql://db/p2p")))
			.withMessageContaining("databse");
	}

	private static Rendered render(Map<String, Object> values) {
		TemplateCommand command = new Helm(CHART).template().withName("swarm").withNamespace("files");
		values.forEach(command::set);
		String manifest = command.call();
		List<HasMetadata> objects = java.util.Arrays.stream(manifest.split("(?m)^---\\s*$"))
			.filter((document) -> document.lines().anyMatch((line) -> line.startsWith("kind:")))
			.map((document) -> (HasMetadata) yaml.unmarshal(document))
			.toList();
		return new Rendered(objects);
	}

	private static Container container(PodTemplateSpec pod) {
		assertThat(pod.getSpec().getContainers()).hasSize(1);
		return pod.getSpec().getContainers().get(0);
	}

	private static String env(Container container, String name) {
		return container.getEnv()
			.stream()
			.filter((variable) -> variable.getName().equals(name))
			.map(EnvVar::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " in " + container.getName()));
	}

	private static int port(Container container, String name) {
		return container.getPorts()
			.stream()
			.filter((port) -> name.equals(port.getName()))
			.map(ContainerPort::getContainerPort)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no port " + name + " in " + container.getName()));
	}

	private static void assertReachesNamedPorts(Service service, Container container) {
		for (ServicePort port : service.getSpec().getPorts()) {
			String target = port.getTargetPort().getStrVal();
			assertThat(port(container, target)).as("%s port %s", service.getMetadata().getName(), port.getName())
				.isEqualTo(port.getPort());
		}
	}

	private static void assertProbe(Probe probe, String path) {
		assertThat(probe).as("probe on " + path).isNotNull();
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
	}

	private static int yamlPort(Path applicationYaml) throws Exception {
		Map<String, Object> config = yaml.unmarshal(Files.readString(applicationYaml), Map.class);
		return (Integer) ((Map<?, ?>) config.get("server")).get("port");
	}

	private static int dockerfileEnv(String module, String name) throws Exception {
		return Files.readAllLines(ROOT.resolve(module).resolve("Dockerfile"))
			.stream()
			.filter((line) -> line.startsWith("ENV " + name + "="))
			.map((line) -> Integer.parseInt(line.substring(line.indexOf('=') + 1).trim()))
			.findFirst()
			.orElseThrow();
	}

	private record Rendered(List<HasMetadata> objects) {

		<T extends HasMetadata> List<T> all(Class<T> type) {
			return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
		}

		<T extends HasMetadata> T one(Class<T> type) {
			List<T> found = all(type);
			assertThat(found).as("rendered %s objects", type.getSimpleName()).hasSize(1);
			return found.get(0);
		}

		<T extends HasMetadata> T named(Class<T> type, String name) {
			Optional<T> found = all(type).stream().filter((o) -> o.getMetadata().getName().equals(name)).findFirst();
			assertThat(found)
				.as("%s %s among %s", type.getSimpleName(), name,
						this.objects.stream()
							.map((o) -> o.getKind() + "/" + o.getMetadata().getName())
							.collect(Collectors.joining(", ")))
				.isPresent();
			return found.get();
		}

	}

}
