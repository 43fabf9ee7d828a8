package dev.p2pshare.agent.tracker;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import dev.p2pshare.dto.SharedFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegisterBatchesTests {

	private static final String HASH = "a".repeat(64);

	@Test
	void filesKeepTheirOrderInBatchesUnderTheBudgetAndAFileOverItGoesAlone() {
		List<SharedFile> files = List.of(file("a", 100), file("b", 100), file("c", 1000), file("d", 10), file("e", 10));
		long hundred = RegisterBatches.estimate(files.get(0));
		assertThat(hundred).isGreaterThan(2 * 100 * 67);
		List<List<SharedFile>> batches = RegisterBatches.of(files, 2 * hundred);
		assertThat(batches).extracting((batch) -> batch.stream().map(SharedFile::name).toList())
			.containsExactly(List.of("a", "b"), List.of("c"), List.of("d", "e"));
		assertThat(batches).allSatisfy((batch) -> assertThat(
				batch.size() == 1 || batch.stream().mapToLong(RegisterBatches::estimate).sum() <= 2 * hundred)
			.isTrue());
	}

	@Test
	void noFilesMakeNoBatchAndFewFilesOne() {
		assertThat(RegisterBatches.of(List.of(), 1000)).isEmpty();
		assertThat(RegisterBatches.of(List.of(file("a", 1), file("b", 1)), 1 << 20)).hasSize(1);
	}

	/** A file of {@code chunks} chunks of 1 KiB with chain states. */
	private static SharedFile file(String name, int chunks) {
		List<String> states = IntStream.range(0, chunks)
			.mapToObj((i) -> (i == 0) ? SharedFile.SHA256_INITIAL_STATE : HASH)
			.toList();
		return new SharedFile(name, chunks * 1024L, 1024, HASH, Collections.nCopies(chunks, HASH), states);
	}

}
