package dev.p2pshare.tracker;

import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * The registry scenarios on PostgreSQL in a container, where a Docker engine answers and
 * no server is given by {@code P2P_TEST_POSTGRES_URL} (which {@link PostgresServerIT}
 * uses).
 */
@Testcontainers(disabledWithoutDocker = true)
@DisabledIfEnvironmentVariable(named = PostgresServerIT.URL, matches = ".+")
class PostgresContainerIT extends RegistryScenarios {

	@Container
	@ServiceConnection
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15-alpine");

}
