package dev.p2pshare.agent.storage;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SafeNamesTests {

	private final Path share = Path.of("/srv/share");

	@Test
	void aPlainNameStaysInTheDirectory() {
		assertThat(SafeNames.resolve(this.share, "movie.mkv")).isEqualTo(Path.of("/srv/share/movie.mkv"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "../etc/passwd", "/etc/passwd", "a/b", "..", ".", "", "nul\u0000byte", "x\\..\\y" })
	void anythingThatCouldLeaveTheDirectoryIsRefused(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> SafeNames.resolve(this.share, name));
	}

}
