package dev.p2pshare.agent.download;

import java.util.Base64;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.p2pshare.dto.ChunkRange;
import dev.p2pshare.dto.PeerLocation;

/**
 * Turns the holders the tracker lists (in FILE_LOCATIONS, or in its answer to a chunk
 * report) into what the scheduler works on.
 */
final class SourceMap {

	private SourceMap() {
	}

	/**
	 * Every listed peer but this one, with the chunks it holds, from its bitfield when it
	 * has one, else from its runs of indices. Ranges past the end of the file are cut off
	 * rather than trusted; a bitfield that is not base64 of the file's length in bits
	 * counts as holding nothing.
	 */
	static Map<Source, BitSet> of(List<PeerLocation> holders, String selfPeerId, int chunkCount) {
		Map<Source, BitSet> holdings = new LinkedHashMap<>();
		for (PeerLocation peer : holders) {
			if (peer.peerId().equals(selfPeerId)) {
				continue;
			}
			BitSet bits = (peer.chunkBitfield() != null) ? fromBitfield(peer.chunkBitfield(), chunkCount)
					: fromRanges(peer.chunks(), chunkCount);
			holdings.put(new Source(peer.peerId(), peer.host(), peer.port()), bits);
		}
		return holdings;
	}

	private static BitSet fromRanges(List<ChunkRange> ranges, int chunkCount) {
		BitSet bits = new BitSet(chunkCount);
		for (ChunkRange range : ranges) {
			int last = Math.min(range.last(), chunkCount - 1);
			if (range.first() >= 0 && range.first() <= last) {
				bits.set(range.first(), last + 1);
			}
		}
		return bits;
	}

	/** Bit i is the most significant bit first of byte i / 8, as BitTorrent's. */
	private static BitSet fromBitfield(String base64, int chunkCount) {
		BitSet bits = new BitSet(chunkCount);
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			return bits;
		}
		if (bytes.length != (chunkCount + 7) / 8) {
			return bits;
		}
		for (int index = 0; index < chunkCount; index++) {
			if ((bytes[index >>> 3] & (0x80 >>> (index & 7))) != 0) {
				bits.set(index);
			}
		}
		return bits;
	}

}
