package dev.p2pshare.tracker.file;

import java.util.List;

import dev.p2pshare.dto.ChunkRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkSetTests {

	@Test
	void aFullSetHoldsEveryChunkAndNoPaddingBit() {
		byte[] bits = ChunkSet.full(10);
		assertThat(bits).containsExactly(0xFF, 0xC0);
		assertThat(ChunkSet.ranges(bits, 10)).containsExactly(new ChunkRange(0, 9));
	}

	@Test
	void addingCountsOnlyNewChunks() {
		byte[] bits = ChunkSet.empty(20);
		assertThat(ChunkSet.addAll(bits, List.of(3, 4, 5, 19))).isEqualTo(4);
		assertThat(ChunkSet.addAll(bits, List.of(5, 6, 6))).isEqualTo(1);
		assertThat(ChunkSet.contains(bits, 6)).isTrue();
		assertThat(ChunkSet.contains(bits, 7)).isFalse();
	}

	@Test
	void rangesAreAscendingRunsOfHeldChunks() {
		byte[] bits = ChunkSet.empty(20);
		ChunkSet.addAll(bits, List.of(0, 2, 3, 4, 9, 19));
		assertThat(ChunkSet.ranges(bits, 20)).containsExactly(new ChunkRange(0, 0), new ChunkRange(2, 4),
				new ChunkRange(9, 9), new ChunkRange(19, 19));
	}

	@Test
	void anEmptySetHasNoRanges() {
		assertThat(ChunkSet.ranges(ChunkSet.empty(9), 9)).isEmpty();
	}

}
