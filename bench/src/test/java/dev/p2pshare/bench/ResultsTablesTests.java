package dev.p2pshare.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ResultsTablesTests {

	@Test
	void theReadmesTablesAreWhatTheCommittedResultsSay() throws IOException {
		String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
		String tables = ResultsTables.render(Path.of("results"));
		assertThat(readme).as("bench/README.md against bench/results (java -cp bench/target/bench.jar"
				+ " -Dloader.main=dev.p2pshare.bench.ResultsTables org.springframework.boot.loader.launch.PropertiesLauncher"
				+ " rewrites it)")
			.isEqualTo(ResultsTables.withTables(readme, tables));
		assertThat(tables).contains("| N=8 F=64MiB U=16MiB/s |").contains("measured / bound");
	}

	@Test
	void quotedFieldsKeepTheirCommasAndQuotes() {
		assertThat(ResultsTables.fields("single,\"F=1MiB, \"\"fast\"\"\",rate,1.5,MiB/s")).containsExactly("single",
				"F=1MiB, \"fast\"", "rate", "1.5", "MiB/s");
		assertThatIllegalArgumentException().isThrownBy(() -> ResultsTables.fields("a,b,c"));
	}

}
