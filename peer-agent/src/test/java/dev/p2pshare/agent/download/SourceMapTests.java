package dev.p2pshare.agent.download;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

import dev.p2pshare.dto.ChunkRange;
import dev.p2pshare.dto.PeerLocation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceMapTests {

	private static final Source SEED = new Source("seed", "10.0.0.1", 6881);

	private static final Source LEECH = new Source("leech", "10.0.0.2", 6882);

	@Test
	void aBitfieldGivesTheSameChunksAsTheirRuns() {
		// 10 chunks: 0, 2, 3 and 9 are bits 1011 0000 0100 0000, bytes 0xb0 0x40
		Map<Source, BitSet> fromBits = SourceMap.of(List.of(leech(List.of(), "sEA=")), "self", 10);
		Map<Source, BitSet> fromRuns = SourceMap.of(
				List.of(leech(List.of(new ChunkRange(0, 0), new ChunkRange(2, 3), new ChunkRange(9, 9)), null)), "self",
				10);
		assertThat(fromBits.get(LEECH)).isEqualTo(bits(0, 2, 3, 9)).isEqualTo(fromRuns.get(LEECH));
	}

	@Test
	void aBitfieldOfTheWrongLengthOrNotBase64HoldsNothing() {
		assertThat(SourceMap.of(List.of(leech(List.of(), "sEBA")), "self", 10).get(LEECH))
			.as("three bytes for ten chunks")
			.isEqualTo(new BitSet());
		assertThat(SourceMap.of(List.of(leech(List.of(), "sA==")), "self", 10).get(LEECH)).as("one byte for ten chunks")
			.isEqualTo(new BitSet());
		assertThat(SourceMap.of(List.of(leech(List.of(), "not base64!")), "self", 10).get(LEECH))
			.isEqualTo(new BitSet());
	}

	@Test
	void bitsPastTheLastChunkAreIgnored() {
		// 10 chunks, every bit of both bytes set
		assertThat(SourceMap.of(List.of(leech(List.of(), "//8=")), "self", 10).get(LEECH))
			.isEqualTo(bits(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
	}

	@Test
	void thisPeerIsNotItsOwnSourceAndOthersKeepTheirOrder() {
		PeerLocation self = new PeerLocation("self", "10.0.0.3", 6883, 1, false, List.of(), "gAA=");
		PeerLocation seed = new PeerLocation("seed", "10.0.0.1", 6881, 10, true, List.of(new ChunkRange(0, 9)));
		Map<Source, BitSet> sources = SourceMap.of(List.of(seed, self, leech(List.of(), "AEA=")), "self", 10);
		assertThat(sources.keySet()).containsExactly(SEED, LEECH);
		assertThat(sources.get(LEECH)).isEqualTo(bits(9));
	}

	private static PeerLocation leech(List<ChunkRange> chunks, String bitfield) {
		return new PeerLocation("leech", "10.0.0.2", 6882, 4, false, chunks, bitfield);
	}

	private static BitSet bits(int... indices) {
		BitSet bits = new BitSet();
		for (int index : indices) {
			bits.set(index);
		}
		return bits;
	}

}
