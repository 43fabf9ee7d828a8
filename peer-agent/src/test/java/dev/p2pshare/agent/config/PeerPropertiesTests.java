package dev.p2pshare.agent.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code peer.*} as Spring Boot binds it from the command line. */
class PeerPropertiesTests {

	@Test
	void noDownloadGivenIsNoNameToDownload() {
		assertThat(bind(Map.of()).download()).isEmpty();
		assertThat(bind(Map.of("peer.download", "")).download()).isEmpty();
	}

	@Test
	void downloadNamesAreStrippedAndBlankOnesDropped() {
		assertThat(bind(Map.of("peer.download", " movie.bin , ,song.flac")).download()).containsExactly("movie.bin",
				"song.flac");
	}

	private static PeerProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("peer", PeerProperties.class);
	}

}
