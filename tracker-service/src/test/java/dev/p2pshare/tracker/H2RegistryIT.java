package dev.p2pshare.tracker;

import org.springframework.test.context.TestPropertySource;

/** The registry scenarios on the embedded default, H2. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:scenarios;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")
class H2RegistryIT extends RegistryScenarios {

}
