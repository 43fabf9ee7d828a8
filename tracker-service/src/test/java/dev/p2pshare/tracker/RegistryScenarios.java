package dev.p2pshare.tracker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import dev.p2pshare.dto.ChunkRange;
import dev.p2pshare.dto.ChunkRegistration;
import dev.p2pshare.dto.ChunkRegistrationResult;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.FileSummary;
import dev.p2pshare.dto.PeerLocation;
import dev.p2pshare.dto.RegistrationResult;
import dev.p2pshare.dto.SharedFile;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.p2pshare.tracker.Fixtures.file;
import static dev.p2pshare.tracker.Fixtures.peer;
import static dev.p2pshare.tracker.Fixtures.unique;
import static dev.p2pshare.tracker.Fixtures.withChainStates;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four protocol operations, withdrawal and departure, over real HTTP, against
 * whichever database a subclass configures. Every test names its own files and peers, so
 * the scenarios can share one database. A chunk report's answer lists at most three
 * holders here, so that a few peers make a swarm larger than that; random picks are drawn
 * from a file's holder list as first read for the whole run, so that a pick after peers
 * left is always drawn from a list that still names them.
 */
@TestPropertySource(properties = { "tracker.max-report-holders=3", "tracker.holder-list-max-age=1h" })
abstract class RegistryScenarios extends TrackerTestSupport {

	@Test
	void aSeedRegistersAndItsFileIsListedAndLocated() {
		SharedFile movie = file(unique("movie") + ".mkv", 5000, 1024);
		String seed = unique("seed");
		RegistrationResult result = register(peer(seed, 6881, movie));
		assertThat(result.files()).containsExactly(movie.name());
		assertThat(result.heartbeatIntervalSeconds()).isPositive().isLessThan(result.peerTtlSeconds());

		assertThat(summaryOf(movie.name()))
			.isEqualTo(new FileSummary(movie.name(), 5000, 1024, 5, movie.sha256(), 1, 0));
		FileLocations locations = locations(movie.name());
		assertThat(locations.chunkHashes()).isEqualTo(movie.chunkHashes());
		assertThat(locations.sha256()).isEqualTo(movie.sha256());
		assertThat(locations.peers())
			.containsExactly(new PeerLocation(seed, "127.0.0.1", 6881, 5, true, List.of(new ChunkRange(0, 4))));
	}

	@Test
	void aDownloaderRefreshingItsSourcesCanLeaveTheChunkHashesOut() {
		SharedFile movie = file(unique("movie") + ".mkv", 5000, 1024);
		String seed = unique("seed");
		register(peer(seed, 6881, movie));
		FileLocations sources = locations(movie.name(), false);
		assertThat(sources.chunkHashes()).isEmpty();
		assertThat(sources.chunkCount()).isEqualTo(5);
		assertThat(sources.sha256()).isEqualTo(movie.sha256());
		assertThat(sources.peers()).isEqualTo(locations(movie.name()).peers());
		assertThat(locations(movie.name(), true).chunkHashes()).isEqualTo(movie.chunkHashes());
		assertThat(locations(movie.name()).chunkHashes()).as("listed unless left out").isEqualTo(movie.chunkHashes());
	}

	@Test
	void holdersCanBeListedWithBitfieldsInsteadOfRuns() {
		SharedFile iso = file(unique("distro") + ".iso", 10 * 1024, 1024);
		String seed = unique("seed");
		register(peer(seed, 7001, iso));
		String leech = unique("leech");
		register(peer(leech, 7002));
		registerChunks(iso.name(), leech, List.of(0, 2, 3, 9));
		FileLocations bitfields = locationsAt("/api/v1/files/{f}/locations?chunkHashes=false&chunkBitfield=true",
				iso.name());
		// 10 chunks: bytes 1011 0000, 0100 0000 for the leech, 1111 1111, 1100 0000 whole
		assertThat(bitfields.peers()).containsExactlyInAnyOrder(
				new PeerLocation(leech, "127.0.0.1", 7002, 4, false, List.of(), "sEA="),
				new PeerLocation(seed, "127.0.0.1", 7001, 10, true, List.of(), "/8A="));
		assertThat(bitfields.chunkHashes()).isEmpty();
		assertThat(locationOf(iso.name(), leech).chunks()).as("runs unless asked otherwise")
			.containsExactly(new ChunkRange(0, 0), new ChunkRange(2, 3), new ChunkRange(9, 9));
		this.http.get()
			.uri("/api/v1/files/{f}/locations", iso.name())
			.exchange()
			.expectBody()
			.jsonPath("$.peers[0].chunkBitfield")
			.doesNotExist();
	}

	@Test
	void chainStatesAreLocatedWithTheChunkHashesAndLeftOutWithThem() {
		SharedFile movie = withChainStates(file(unique("movie") + ".mkv", 5000, 1024), "a");
		register(peer(unique("seed"), 6881, movie));
		assertThat(locations(movie.name()).chainStates()).hasSize(5).isEqualTo(movie.chainStates());
		assertThat(locations(movie.name(), false).chainStates()).isNull();
		SharedFile plain = file(unique("plain") + ".bin", 3000, 1024);
		register(peer(unique("seed"), 6882, plain));
		assertThat(locations(plain.name()).chainStates()).as("registered without them").isNull();
	}

	@Test
	void aFileRegisteredWithoutChainStatesTakesThemFromTheNextHolderAndRefusesOthers() {
		SharedFile plain = file(unique("movie") + ".mkv", 3000, 1024);
		register(peer(unique("old-agent"), 7001, plain));
		SharedFile withStates = withChainStates(plain, "a");
		register(peer(unique("new-agent"), 7002, withStates));
		assertThat(locations(plain.name()).chainStates()).isEqualTo(withStates.chainStates());
		register(peer(unique("old-agent"), 7003, plain));
		assertThat(summaryOf(plain.name()).completeSources()).isEqualTo(3);
		this.http.post()
			.uri("/api/v1/register")
			.contentType(MediaType.APPLICATION_JSON)
			.body(peer(unique("liar"), 7004, withChainStates(plain, "b")))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEM + "file-conflict");
		assertThat(locations(plain.name()).chainStates()).isEqualTo(withStates.chainStates());
	}

	@Test
	void theSameContentUnderTheSameNameAddsAHolder() {
		SharedFile movie = file(unique("movie"), 3000, 1024);
		register(peer(unique("seed-a"), 7001, movie));
		register(peer(unique("seed-b"), 7002, movie));
		assertThat(summaryOf(movie.name()).completeSources()).isEqualTo(2);
	}

	@Test
	void theSameNameWithOtherContentIsRefusedAndNothingIsRecorded() {
		String name = unique("report") + ".pdf";
		register(peer(unique("seed"), 7001, file(name, 3000, 1024)));
		SharedFile untouched = file(unique("other"), 2000, 1024);
		String intruder = unique("intruder");
		this.http.post()
			.uri("/api/v1/register")
			.contentType(MediaType.APPLICATION_JSON)
			.body(peer(intruder, 7003, untouched,
					new SharedFile(name, 4000, 1024, untouched.sha256(), Collections.nCopies(4, untouched.sha256()))))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEM + "file-conflict")
			.jsonPath("$.fileName")
			.isEqualTo(name);
		this.http.get().uri("/api/v1/files/{name}/locations", untouched.name()).exchange().expectStatus().isNotFound();
		heartbeat(intruder).expectStatus().isNotFound();
	}

	@Test
	void chunkRegistrationsAccumulateAndRepeatingOneIsHarmless() {
		SharedFile iso = file(unique("distro") + ".iso", 10 * 1024, 1024);
		register(peer(unique("seed"), 7001, iso));
		String leech = unique("leech");
		register(peer(leech, 7002));
		assertThat(registerChunks(iso.name(), leech, List.of(0, 1, 2)))
			.isEqualTo(new ChunkRegistrationResult(iso.name(), leech, 3, 10, false, null));
		assertThat(registerChunks(iso.name(), leech, List.of(2, 3, 9)).chunksHeld()).isEqualTo(5);
		assertThat(summaryOf(iso.name()).partialSources()).isOne();
		assertThat(locationOf(iso.name(), leech).chunks()).containsExactly(new ChunkRange(0, 3), new ChunkRange(9, 9));

		ChunkRegistrationResult last = registerChunks(iso.name(), leech, List.of(4, 5, 6, 7, 8));
		assertThat(last.complete()).isTrue();
		assertThat(summaryOf(iso.name()).completeSources()).isEqualTo(2);
	}

	@Test
	void chunkRegistrationAnswersWithTheHoldersWhenAsked() {
		SharedFile iso = file(unique("distro") + ".iso", 10 * 1024, 1024);
		String seed = unique("seed");
		register(peer(seed, 7001, iso));
		String leech = unique("leech");
		register(peer(leech, 7002));
		String other = unique("leech");
		register(peer(other, 7003));
		registerChunks(iso.name(), other, List.of(1, 8));

		ChunkRegistrationResult withPeers = registerChunks(iso.name(), leech, List.of(0, 2, 3, 9), true);
		assertThat(withPeers.chunksHeld()).isEqualTo(4);
		// 10 chunks: 1011 0000, 0100 0000 for the leech, its new chunks counted;
		// 0100 0000, 1000 0000 for the other; 1111 1111, 1100 0000 whole
		assertThat(withPeers.peers()).containsExactlyInAnyOrder(
				new PeerLocation(leech, "127.0.0.1", 7002, 4, false, List.of(), "sEA="),
				new PeerLocation(other, "127.0.0.1", 7003, 2, false, List.of(), "QIA="),
				new PeerLocation(seed, "127.0.0.1", 7001, 10, true, List.of(), "/8A="));
		assertThat(withPeers.peers()).as("as FILE_LOCATIONS lists them with bitfields")
			.containsExactlyInAnyOrderElementsOf(
					locationsAt("/api/v1/files/{f}/locations?chunkHashes=false&chunkBitfield=true", iso.name())
						.peers());

		leave(other).expectStatus().isNoContent();
		assertThat(registerChunks(iso.name(), leech, List.of(4), true).peers()).as("not a peer that left")
			.extracting(PeerLocation::peerId)
			.containsExactlyInAnyOrder(leech, seed);
		chunkRegistration(iso.name(), leech, List.of(5)).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.chunksHeld")
			.isEqualTo(6)
			.jsonPath("$.peers")
			.doesNotExist();
	}

	@Test
	void aChunkReportsAnswerListsARandomFewOfTheHoldersOfALargeSwarm() {
		SharedFile iso = file(unique("distro") + ".iso", 10 * 1024, 1024);
		List<String> leeches = swarmOfFive(iso).subList(1, 5);
		List<PeerLocation> everyHolder = locationsAt("/api/v1/files/{f}/locations?chunkHashes=false&chunkBitfield=true",
				iso.name())
			.peers();
		assertThat(everyHolder).hasSize(5);

		Set<String> heardOf = new HashSet<>();
		for (int i = 0; i < 30; i++) {
			List<PeerLocation> answer = registerChunks(iso.name(), leeches.get(0), List.of(0), true).peers();
			assertThat(answer).as("three of the five, as FILE_LOCATIONS lists them")
				.hasSize(3)
				.doesNotHaveDuplicates()
				.isSubsetOf(everyHolder);
			answer.forEach((holder) -> heardOf.add(holder.peerId()));
		}
		assertThat(heardOf).as("a different few each time").hasSize(5);
	}

	@Test
	void fileLocationsListsAsManyHoldersAsAskedForAndSaysWhenThereAreMore() {
		SharedFile iso = file(unique("distro") + ".iso", 10 * 1024, 1024);
		swarmOfFive(iso);
		String asAgentsAsk = "/api/v1/files/{f}/locations?chunkHashes=false&chunkBitfield=true";
		FileLocations whole = locationsAt(asAgentsAsk, iso.name());
		assertThat(whole.peers()).hasSize(5);
		assertThat(whole.morePeers()).isFalse();
		assertThat(locationsAt(asAgentsAsk + "&maxPeers=5", iso.name())).as("as many as hold it").isEqualTo(whole);
		assertThat(locationsAt(asAgentsAsk + "&maxPeers=50", iso.name())).as("more than hold it").isEqualTo(whole);

		Set<String> heardOf = new HashSet<>();
		for (int i = 0; i < 30; i++) {
			FileLocations sample = locationsAt(asAgentsAsk + "&maxPeers=3", iso.name());
			assertThat(sample.morePeers()).isTrue();
			assertThat(sample.peers()).as("three of the five, as the whole list has them")
				.hasSize(3)
				.doesNotHaveDuplicates()
				.isSubsetOf(whole.peers());
			sample.peers().forEach((holder) -> heardOf.add(holder.peerId()));
		}
		assertThat(heardOf).as("a different few each time").hasSize(5);
	}

	@Test
	void aPeerThatLeftIsNeverPickedThoughTheListPicksAreDrawnFromStillNamesIt() {
		SharedFile iso = file(unique("distro") + ".iso", 10 * 1024, 1024);
		List<String> holders = swarmOfFive(iso);
		String asAgentsAsk = "/api/v1/files/{f}/locations?chunkHashes=false&chunkBitfield=true&maxPeers=3";
		assertThat(locationsAt(asAgentsAsk, iso.name()).peers()).hasSize(3);

		leave(holders.get(1)).expectStatus().isNoContent();
		leave(holders.get(2)).expectStatus().isNoContent();
		List<String> stayed = List.of(holders.get(0), holders.get(3), holders.get(4));
		for (int i = 0; i < 30; i++) {
			FileLocations sample = locationsAt(asAgentsAsk, iso.name());
			assertThat(sample.peers()).as("three at most, none of those that left")
				.hasSizeLessThanOrEqualTo(3)
				.extracting(PeerLocation::peerId)
				.doesNotHaveDuplicates()
				.isSubsetOf(stayed);
			assertThat(registerChunks(iso.name(), holders.get(3), List.of(2), true).peers())
				.as("a report's answer neither")
				.extracting(PeerLocation::peerId)
				.isSubsetOf(stayed);
		}
		assertThat(locationsAt("/api/v1/files/{f}/locations", iso.name()).peers()).as("every holder, listed fresh")
			.extracting(PeerLocation::peerId)
			.containsExactlyInAnyOrderElementsOf(stayed);
	}

	@Test
	void chunkRegistrationRefusesWhatItCannotRecord() {
		SharedFile iso = file(unique("distro"), 4096, 1024);
		String seed = unique("seed");
		register(peer(seed, 7001, iso));
		expectProblem(chunkRegistration(iso.name(), seed, List.of(1, 4, 9)), 400, "chunk-index-out-of-range")
			.jsonPath("$.invalidIndices")
			.isEqualTo(List.of(4, 9))
			.jsonPath("$.chunkCount")
			.isEqualTo(4);
		expectProblem(chunkRegistration("missing.bin", seed, List.of(0)), 404, "unknown-file");
		expectProblem(chunkRegistration(iso.name(), unique("stranger"), List.of(0)), 404, "unknown-peer");
		expectProblem(chunkRegistration(iso.name(), seed, List.of(-1)), 400, "validation-failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo("chunks[0]");
		expectProblem(chunkRegistration(iso.name(), seed, List.of()), 400, "validation-failed");
		assertThat(locationOf(iso.name(), seed).chunksHeld()).isEqualTo(4);
	}

	@Test
	void aWithdrawnFileIsNoLongerLocatedAtThatPeerAndVanishesWithItsLastHolder() {
		SharedFile doc = file(unique("doc"), 2048, 1024);
		String first = unique("first");
		String second = unique("second");
		register(peer(first, 7001, doc));
		register(peer(second, 7002, doc));

		withdraw(first, doc.name()).expectStatus().isNoContent();
		assertThat(locations(doc.name()).peers()).extracting(PeerLocation::peerId).containsExactly(second);

		withdraw(second, doc.name()).expectStatus().isNoContent();
		expectProblem(this.http.get().uri("/api/v1/files/{f}/locations", doc.name()).exchange(), 404, "unknown-file");
		assertThat(list().files()).extracting(FileSummary::name).doesNotContain(doc.name());
		expectProblem(withdraw(unique("nobody"), doc.name()), 404, "unknown-peer");
	}

	@Test
	void aPeerThatLeavesIsForgottenWithItsHoldings() {
		SharedFile doc = file(unique("doc"), 2048, 1024);
		String seed = unique("seed");
		register(peer(seed, 7001, doc));
		leave(seed).expectStatus().isNoContent();

		expectProblem(heartbeat(seed), 404, "unknown-peer");
		expectProblem(this.http.get().uri("/api/v1/files/{f}/locations", doc.name()).exchange(), 404, "unknown-file");
		expectProblem(leave(seed), 404, "unknown-peer");
	}

	@Test
	void aHeartbeatAnswersWithTheInterval() {
		String seed = unique("seed");
		RegistrationResult registered = register(peer(seed, 7001));
		heartbeat(seed).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.peerId")
			.isEqualTo(seed)
			.jsonPath("$.heartbeatIntervalSeconds")
			.isEqualTo(registered.heartbeatIntervalSeconds());
	}

	@Test
	void onlyThePeerItselfCanWriteForItsId() {
		SharedFile doc = file(unique("doc"), 4096, 1024);
		String seed = unique("seed");
		RegistrationResult first = register(peer(seed, 7001, doc));
		assertThat(first.peerSecret()).as("issued at the first registration").hasSizeGreaterThanOrEqualTo(43);
		PeerLocation before = locationOf(doc.name(), seed);

		for (String presented : new String[] { null, "guess", first.peerSecret() + "x" }) {
			for (RestTestClient.ResponseSpec spoofed : List.of(
					asStranger(presented).post()
						.uri("/api/v1/register")
						.contentType(MediaType.APPLICATION_JSON)
						.body(peer(seed, 6666))
						.exchange(),
					asStranger(presented).post().uri("/api/v1/peers/{p}/heartbeat", seed).exchange(),
					asStranger(presented).post()
						.uri("/api/v1/files/{f}/chunks", doc.name())
						.contentType(MediaType.APPLICATION_JSON)
						.body(new ChunkRegistration(seed, List.of(0)))
						.exchange(),
					asStranger(presented).delete().uri("/api/v1/peers/{p}/files/{f}", seed, doc.name()).exchange(),
					asStranger(presented).delete().uri("/api/v1/peers/{p}", seed).exchange())) {
				expectProblem(spoofed, 403, "wrong-peer-secret").jsonPath("$.peerId").isEqualTo(seed);
			}
		}
		assertThat(locationOf(doc.name(), seed)).as("nothing a stranger sent was recorded").isEqualTo(before);

		RegistrationResult again = register(peer(seed, 7002, doc));
		assertThat(again.peerSecret()).as("a secret is issued once").isNull();
		heartbeat(seed).expectStatus().isOk();
		assertThat(locationOf(doc.name(), seed).port()).isEqualTo(7002);
		leave(seed).expectStatus().isNoContent();
		RegistrationResult afresh = register(peer(seed, 7003));
		assertThat(afresh.peerSecret()).as("a peer that left starts over with a new secret")
			.isNotNull()
			.isNotEqualTo(first.peerSecret());
	}

	private RestTestClient asStranger(String presentedSecret) {
		return this.http.mutate().defaultHeaders((headers) -> {
			if (presentedSecret != null) {
				headers.set(RegistrationResult.SECRET_HEADER, presentedSecret);
			}
		}).build();
	}

	@Test
	void concurrentChunkRegistrationsLoseNoUpdate() throws Exception {
		int chunks = 200;
		SharedFile big = file(unique("big"), chunks * 1024, 1024);
		register(peer(unique("seed"), 7000, big));
		List<String> leeches = IntStream.range(0, 10).mapToObj((i) -> unique("leech" + i)).toList();
		leeches.forEach((leech) -> register(peer(leech, 7100)));

		// every leech reports every chunk, in its own order, in batches of 5, all at once
		List<Callable<ChunkRegistrationResult>> batches = new ArrayList<>();
		for (String leech : leeches) {
			List<Integer> order = new ArrayList<>(IntStream.range(0, chunks).boxed().toList());
			Collections.shuffle(order);
			for (int from = 0; from < chunks; from += 5) {
				List<Integer> batch = order.subList(from, from + 5);
				batches.add(() -> registerChunks(big.name(), leech, batch));
			}
		}
		Collections.shuffle(batches);
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			for (Future<ChunkRegistrationResult> done : pool.invokeAll(batches)) {
				assertThat(done.get().fileName()).isEqualTo(big.name());
			}
		}
		finally {
			pool.shutdown();
		}

		FileLocations locations = locations(big.name());
		assertThat(locations.peers()).hasSize(11)
			.allSatisfy((peer) -> assertThat(peer.chunks()).containsExactly(new ChunkRange(0, chunks - 1)));
		assertThat(summaryOf(big.name()).completeSources()).isEqualTo(11);
	}

}
