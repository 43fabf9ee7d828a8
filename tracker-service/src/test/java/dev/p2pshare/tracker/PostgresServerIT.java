package dev.p2pshare.tracker;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The registry scenarios on a real PostgreSQL server given by the environment, as
 * {@code .ci/run} starts one: {@code P2P_TEST_POSTGRES_URL} (a JDBC URL), with
 * {@code P2P_TEST_POSTGRES_USER} and {@code P2P_TEST_POSTGRES_PASSWORD}.
 */
@EnabledIfEnvironmentVariable(named = PostgresServerIT.URL, matches = ".+")
class PostgresServerIT extends RegistryScenarios {

	static final String URL = "P2P_TEST_POSTGRES_URL";

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> System.getenv(URL));
		registry.add("spring.datasource.username", () -> env("P2P_TEST_POSTGRES_USER", "postgres"));
		registry.add("spring.datasource.password", () -> env("P2P_TEST_POSTGRES_PASSWORD", ""));
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

}
