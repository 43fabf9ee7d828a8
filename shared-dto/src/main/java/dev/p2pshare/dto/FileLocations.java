package dev.p2pshare.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * FILE_LOCATIONS: a file's metadata, the hash of every chunk, and the live peers that
 * hold chunks of it.
 *
 * @param name the file name
 * @param size the file length in bytes
 * @param chunkSize the length in bytes of every chunk but the last
 * @param chunkCount the number of chunks
 * @param sha256 the SHA-256 of the whole file, in hex
 * @param chunkHashes the SHA-256 of every chunk in order, in hex, as registered by the
 * file's first holder: a downloader verifies what it receives against these; empty when
 * asked for without them ({@code chunkHashes=false}), as a downloader refreshing its
 * sources does
 * @param chainStates the SHA-256 chaining value where every chunk starts, in hex, as
 * registered by a holder (as in REGISTER); {@code null} when no holder gave them or when
 * asked for without chunk hashes
 * @param morePeers whether more live peers hold chunks of the file than {@code peers}
 * lists (the request asked for at most {@code maxPeers}); {@code null} from a tracker
 * from before the field, whose {@code peers} are always all of them
 * @param peers the live peers holding at least one chunk: all of them, sorted by peer id,
 * or a random {@code maxPeers} of them when more hold the file and the request asked for
 * at most that many
 */
public record FileLocations(String name, long size, int chunkSize, int chunkCount, String sha256,
		List<String> chunkHashes, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> chainStates,
		Boolean morePeers, List<PeerLocation> peers) {

	/**
	 * The most holders one FILE_LOCATIONS may be asked for ({@code maxPeers}): the
	 * tracker refuses more, so an agent may not be set to want more.
	 */
	public static final int MAX_PEERS = 10_000;

	/**
	 * Whether {@code peers} names every live holder, so that a peer it leaves out has
	 * left the swarm; a sample of a larger swarm says nothing of the peers it leaves out.
	 */
	public boolean listsEveryHolder() {
		return !Boolean.TRUE.equals(this.morePeers);
	}

}
