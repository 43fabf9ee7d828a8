package dev.p2pshare.agent;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed contract, {@code openapi/peer-agent-api.yaml}, is what a running agent
 * serves at {@code /v3/api-docs.yaml}: a change to the API fails here until the file is
 * regenerated ({@code ./mvnw verify -Dopenapi.update=true}) and the diff reviewed.
 */
class ApiContractIT {

	@TempDir
	Path root;

	private Agent agent;

	@AfterEach
	void stop() {
		if (this.agent != null) {
			this.agent.close();
		}
	}

	@Test
	void theLiveApiIsTheCommittedContract() throws Exception {
		// no tracker needed to describe the API: this one refuses connections
		this.agent = Agent.start("contract", this.root.resolve("share"), URI.create("http://127.0.0.1:9"));
		String live = this.agent.http().get().uri("/v3/api-docs.yaml").retrieve().body(String.class);
		Path committed = Path.of(System.getProperty("p2p.openapi-dir"), "peer-agent-api.yaml");
		if (Boolean.getBoolean("openapi.update")) {
			Files.writeString(committed, live, StandardCharsets.UTF_8);
		}
		assertThat(live).as("the live API against %s (./mvnw verify -Dopenapi.update=true rewrites it)", committed)
			.isEqualTo(Files.readString(committed, StandardCharsets.UTF_8));
	}

}
