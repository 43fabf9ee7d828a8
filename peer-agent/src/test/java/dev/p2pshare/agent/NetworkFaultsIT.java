package dev.p2pshare.agent;

import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.dto.SharedFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Network faults between peers: a second source of the file sits behind a relay that
 * stalls mid-chunk, hangs up after half a chunk, or trickles bytes. The download still
 * ends with the right bytes, from the honest seed, and never waits on the broken source.
 */
class NetworkFaultsIT extends ImpostorScenario {

	private static final int CHUNK = 256 * 1024;

	@ParameterizedTest
	@EnumSource(FaultyRelay.Fault.class)
	void aBrokenSourceCostsRetriesNeverTheFile(FaultyRelay.Fault fault) throws Exception {
		// whole chunks only: every answer is longer than what the relay lets through
		// intact
		SharedFile file = seedFile("clip.mp4", 16 * CHUNK, 21);
		try (FaultyRelay relay = new FaultyRelay(this.seed.tcpPort(), fault, CHUNK / 2)) {
			registerImpostor("relay", relay.port(), file);

			DownloadStatus done = downloadToTheEnd(file, "--peer.transfer.read-timeout=2s");

			assertThat(relay.connections()).as("the leech tried the broken source").isPositive();
			assertThat(done.chunksBySource().values().stream().mapToInt(Integer::intValue).sum())
				.isEqualTo(done.chunkCount());
		}
	}

}
