package dev.p2pshare.tracker.file;

import java.util.ArrayList;
import java.util.List;

import dev.p2pshare.dto.ChunkRange;

/**
 * The chunks of one file that one peer holds, as a bitfield like BitTorrent's: bit i,
 * most significant bit first, is set when the peer holds chunk i.
 */
final class ChunkSet {

	private ChunkSet() {
	}

	static byte[] empty(int chunkCount) {
		return new byte[(chunkCount + 7) / 8];
	}

	static byte[] full(int chunkCount) {
		byte[] bits = empty(chunkCount);
		for (int i = 0; i < chunkCount; i++) {
			bits[i >>> 3] |= (byte) (0x80 >>> (i & 7));
		}
		return bits;
	}

	static boolean contains(byte[] bits, int index) {
		return (bits[index >>> 3] & (0x80 >>> (index & 7))) != 0;
	}

	/** Sets the bit of every index; returns how many were not set before. */
	static int addAll(byte[] bits, Iterable<Integer> indices) {
		int added = 0;
		for (int index : indices) {
			if (!contains(bits, index)) {
				bits[index >>> 3] |= (byte) (0x80 >>> (index & 7));
				added++;
			}
		}
		return added;
	}

	/** The set bits as ascending runs of consecutive indices. */
	static List<ChunkRange> ranges(byte[] bits, int chunkCount) {
		List<ChunkRange> ranges = new ArrayList<>();
		int start = -1;
		for (int i = 0; i <= chunkCount; i++) {
			boolean held = i < chunkCount && contains(bits, i);
			if (held && start < 0) {
				start = i;
			}
			else if (!held && start >= 0) {
				ranges.add(new ChunkRange(start, i - 1));
				start = -1;
			}
		}
		return ranges;
	}

}
