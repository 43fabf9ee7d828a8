package dev.p2pshare.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed {@code docs/configuration.md} is what Spring Boot's configuration
 * metadata of both apps says, so that it never goes stale: a property added, removed or
 * described anew fails here until the page is regenerated
 * ({@code ./mvnw verify -Dconfig-docs.update=true}) and the diff reviewed.
 */
class ConfigurationDocsIT {

	private static final String METADATA = "target/classes/META-INF/spring-configuration-metadata.json";

	@Test
	void theConfigurationPageIsWhatTheMetadataSays() throws IOException {
		Path trackerDir = Path.of(System.getProperty("p2p.tracker-dir"));
		Path agentDir = Path.of(System.getProperty("p2p.agent-dir"));
		String page = ConfigurationPage.render(metadata(trackerDir.resolve(METADATA)),
				metadata(agentDir.resolve(METADATA)));
		Path committed = agentDir.resolve("../docs/configuration.md").normalize();
		if (Boolean.getBoolean("config-docs.update")) {
			Files.writeString(committed, page, StandardCharsets.UTF_8);
		}
		assertThat(page).as("the metadata against %s (./mvnw verify -Dconfig-docs.update=true rewrites it)", committed)
			.isEqualTo(Files.readString(committed, StandardCharsets.UTF_8));
	}

	private static JsonNode metadata(Path file) {
		assertThat(file).as("the configuration metadata the build writes").isRegularFile();
		return JsonMapper.builder().build().readTree(file.toFile());
	}

}
