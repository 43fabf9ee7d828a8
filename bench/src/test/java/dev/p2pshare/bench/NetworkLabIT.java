package dev.p2pshare.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The network lab of {@code --net=namespaces}, made for real: its hosts reach each other
 * and the bench, and nothing else; a shaped host's link carries the tbf cap; closing it
 * leaves no namespace or link behind. Runs where the bench could (root, iproute2).
 */
class NetworkLabIT {

	@TempDir
	Path directory;

	@Test
	void hostsReachEachOtherAndTheBenchOnlyAndNothingIsLeftAfterClose() throws Exception {
		String refusal = NetworkLab.refusal();
		assumeTrue(refusal == null, () -> "No network lab here: " + refusal);
		Path file = this.directory.resolve("served.bin");
		String sha256 = TestFiles.random(file, 1, 7);
		String id = "p2pb" + ProcessHandle.current().pid();
		Process server = null;
		try (NetworkLab lab = NetworkLab.create()) {
			NetworkLab.Host client = lab.addHost("client");
			NetworkLab.Host host = lab.addHost("server");
			lab.shape(client, 4L * TestFiles.MIB);
			server = serve(host, file);

			// from the bench, over the control link
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(host.address(), 9000), 5000);
				socket.setSoTimeout(10_000);
				assertThat(sha256(socket.getInputStream())).isEqualTo(sha256);
			}
			// from the other host, through the bridge
			assertThat(run(client.enter(), "bash", "-c", "cat < /dev/tcp/" + host.address() + "/9000 | sha256sum"))
				.startsWith(sha256);
			assertThat(run(client.enter(), "tc", "qdisc", "show", "dev", "eth0")).contains("tbf")
				.contains("rate 33554Kbit");
			assertThat(run(client.enter(), "ip", "route").strip()).as("a host routes its own subnet and nothing else")
				.isEqualTo(NetworkLab.SUBNET + ".0/24 dev eth0 proto kernel scope link src " + client.address());
			assertThat(run(List.of(), "ip", "netns", "list")).contains(id + "-br", id + "-h1", id + "-h2");
		}
		finally {
			if (server != null) {
				server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		assertThat(run(List.of(), "ip", "netns", "list")).doesNotContain(id + "-");
		assertThat(run(List.of(), "ip", "link", "show")).doesNotContain(id);
	}

	private static String sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
	}

	private static Process serve(NetworkLab.Host host, Path file) throws IOException {
		Path source = Path.of("src/test/resources/Serve.java").toAbsolutePath();
		List<String> command = new ArrayList<>(host.enter());
		command.addAll(List.of(JavaProcess.javaCommand(), source.toString(), host.address(), "9000", file.toString()));
		Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
		BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
		String first = out.readLine();
		assertThat(first).as("the server in %s started", host.namespace()).isEqualTo("listening");
		return server;
	}

	private static String run(List<String> enter, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(enter);
		line.addAll(List.of(command));
		Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
		try (InputStream in = process.getInputStream()) {
			String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			return out;
		}
	}

}
