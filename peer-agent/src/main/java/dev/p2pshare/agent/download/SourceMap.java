package dev.p2pshare.agent.download;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.p2pshare.dto.ChunkRange;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.PeerLocation;

/** Turns the tracker's FILE_LOCATIONS into what the scheduler works on. */
final class SourceMap {

	private SourceMap() {
	}

	/**
	 * Every listed peer but this one, with the chunks it holds; ranges past the end of
	 * the file are cut off rather than trusted.
	 */
	static Map<Source, BitSet> of(FileLocations locations, String selfPeerId, int chunkCount) {
		Map<Source, BitSet> holdings = new LinkedHashMap<>();
		for (PeerLocation peer : locations.peers()) {
			if (peer.peerId().equals(selfPeerId)) {
				continue;
			}
			BitSet bits = new BitSet(chunkCount);
			for (ChunkRange range : peer.chunks()) {
				int last = Math.min(range.last(), chunkCount - 1);
				if (range.first() >= 0 && range.first() <= last) {
					bits.set(range.first(), last + 1);
				}
			}
			holdings.put(new Source(peer.peerId(), peer.host(), peer.port()), bits);
		}
		return holdings;
	}

}
