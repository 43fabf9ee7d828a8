package dev.p2pshare.tracker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.p2pshare.dto.FileSummary;
import dev.p2pshare.dto.PeerLocation;
import dev.p2pshare.dto.SharedFile;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static dev.p2pshare.tracker.Fixtures.file;
import static dev.p2pshare.tracker.Fixtures.peer;
import static dev.p2pshare.tracker.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that stops heart-beating vanishes from the registry; one that keeps on stays;
 * one that joins a large swarm is soon offered among its random few.
 */
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:liveness;DB_CLOSE_DELAY=-1",
		"tracker.peer-ttl=2s", "tracker.heartbeat-interval=500ms", "tracker.purge-after=4s",
		"tracker.purge-interval=500ms", "tracker.holder-list-max-age=500ms" })
class LivenessIT extends TrackerTestSupport {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Test
	void aSilentPeerVanishesFromLocationsThenIsPurgedWhileABeatingOneStays() {
		SharedFile movie = file(unique("movie"), 4096, 1024);
		SharedFile onlyOnSilent = file(unique("only-on-silent"), 2048, 1024);
		String beating = unique("beating");
		String silent = unique("silent");
		register(peer(beating, 7001, movie));
		register(peer(silent, 7002, movie, onlyOnSilent));
		assertThat(summaryOf(movie.name()).completeSources()).isEqualTo(2);

		ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor();
		heart.scheduleWithFixedDelay(() -> heartbeat(beating).expectStatus().isOk(), 0, 300, TimeUnit.MILLISECONDS);
		try {
			// past the TTL: no longer a source, though still known
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(locations(movie.name()).peers()).extracting(PeerLocation::peerId)
					.containsExactly(beating));
			assertThat(summaryOf(movie.name()).completeSources()).isOne();
			assertThat(list().files()).extracting(FileSummary::name).doesNotContain(onlyOnSilent.name());

			// past the purge delay: forgotten, with the file only it held
			await().atMost(PATIENCE)
				.untilAsserted(() -> expectProblem(
						this.http.get().uri("/api/v1/files/{f}/locations", onlyOnSilent.name()).exchange(), 404,
						"unknown-file"));
			expectProblem(heartbeat(silent), 404, "unknown-peer");
			assertThat(locations(movie.name()).peers()).extracting(PeerLocation::peerId).containsExactly(beating);
		}
		finally {
			heart.shutdownNow();
		}

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(list().files()).extracting(FileSummary::name).doesNotContain(movie.name()));
		await().atMost(PATIENCE)
			.untilAsserted(() -> expectProblem(
					this.http.get().uri("/api/v1/files/{f}/locations", movie.name()).exchange(), 404, "unknown-file"));
	}

	@Test
	void aPeerThatJoinsALargeSwarmIsPickedOnceTheHolderListIsReadAgain() {
		SharedFile iso = file(unique("distro"), 10 * 1024, 1024);
		swarmOfFive(iso);
		String twoOfThem = "/api/v1/files/{f}/locations?chunkHashes=false&maxPeers=2";
		assertThat(locationsAt(twoOfThem, iso.name()).morePeers()).isTrue();
		String newcomer = unique("newcomer");
		register(peer(newcomer, 7010));
		registerChunks(iso.name(), newcomer, List.of(9));

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(IntStream.range(0, 20)
				.mapToObj((i) -> locationsAt(twoOfThem, iso.name()).peers())
				.flatMap(List::stream)
				.map(PeerLocation::peerId)).contains(newcomer));
	}

	@Test
	void aHeartbeatBeforeThePurgeBringsAPeerBack() {
		SharedFile doc = file(unique("doc"), 2048, 1024);
		String napper = unique("napper");
		register(peer(napper, 7003, doc));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(locations(doc.name()).peers()).isEmpty());
		heartbeat(napper).expectStatus().isOk();
		assertThat(locations(doc.name()).peers()).extracting(PeerLocation::peerId).containsExactly(napper);
	}

}
