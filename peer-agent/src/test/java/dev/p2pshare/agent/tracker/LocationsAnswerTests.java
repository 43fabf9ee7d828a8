package dev.p2pshare.agent.tracker;

import dev.p2pshare.dto.FileLocations;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** FILE_LOCATIONS answers as the agent reads them, from trackers old and new. */
class LocationsAnswerTests {

	private static final String HOLDER = """
			{"peerId":"seed-1","host":"127.0.0.1","port":6881,"chunksHeld":3,"complete":true,"chunks":[],
			"chunkBitfield":"4A=="}""";

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void anAnswerThatDoesNotSayWhetherThereAreMoreComesFromATrackerThatListsEveryHolder() {
		FileLocations older = read("\"peers\":[" + HOLDER + "]");
		assertThat(older.morePeers()).isNull();
		assertThat(older.peers()).hasSize(1);
		assertThat(older.listsEveryHolder()).isTrue();
	}

	@Test
	void anAnswerListsEveryHolderUnlessItSaysThereAreMore() {
		assertThat(read("\"morePeers\":false,\"peers\":[" + HOLDER + "]").listsEveryHolder()).isTrue();
		assertThat(read("\"morePeers\":true,\"peers\":[" + HOLDER + "]").listsEveryHolder()).isFalse();
	}

	private FileLocations read(String peers) {
		return this.json.readValue("""
				{"name":"zeros.bin","size":3000,"chunkSize":1024,"chunkCount":3,"sha256":"%s","chunkHashes":[],%s}"""
			.formatted("c".repeat(64), peers), FileLocations.class);
	}

}
