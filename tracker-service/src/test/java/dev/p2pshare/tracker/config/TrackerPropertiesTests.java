package dev.p2pshare.tracker.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class TrackerPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsAreWrittenOnceInTheRecord() {
		this.runner.run((context) -> {
			TrackerProperties properties = context.getBean(TrackerProperties.class);
			assertThat(properties.peerTtl()).isEqualTo(Duration.ofSeconds(90));
			assertThat(properties.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.maxRequestSize().toMegabytes()).isEqualTo(8);
			assertThat(properties.maxReportHolders()).isEqualTo(50);
			assertThat(properties.holderListMaxAge()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.writeProtected()).isFalse();
		});
	}

	@Test
	void aHeartbeatIntervalAsLongAsTheTtlIsRefusedAtStartup() {
		assertRefusedAtStartup("tracker.heartbeat-interval must be shorter than tracker.peer-ttl",
				"tracker.peer-ttl=30s", "tracker.heartbeat-interval=30s");
	}

	@Test
	void aPurgeBeforeTheTtlIsRefusedAtStartup() {
		this.runner.withPropertyValues("tracker.peer-ttl=60s", "tracker.purge-after=30s")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void aChunkReportAnsweredWithNoHoldersIsRefusedAtStartup() {
		assertRefusedAtStartup("maxReportHolders", "tracker.max-report-holders=0");
	}

	@Test
	void aNegativeHolderListAgeIsRefusedAtStartup() {
		assertRefusedAtStartup("tracker.holder-list-max-age must not be negative", "tracker.holder-list-max-age=-1s");
	}

	@Test
	void aTokenTurnsWriteProtectionOn() {
		this.runner.withPropertyValues("tracker.write-token=s3cret")
			.run((context) -> assertThat(context.getBean(TrackerProperties.class).writeProtected()).isTrue());
	}

	private void assertRefusedAtStartup(String message, String... properties) {
		this.runner.withPropertyValues(properties)
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining(message));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TrackerProperties.class)
	static class PropertiesConfiguration {

	}

}
