package dev.p2pshare.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.dto.FileLocations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Swarms on loopback in the style of bt's Swarm fixture: the real tracker as a process on
 * a free port, peer agents in this JVM on ephemeral ports with their own directories;
 * assertions on the downloaded bytes and on what the tracker says afterwards.
 */
class SwarmIT {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private static final String CHUNKS_256K = "--peer.chunk-size=256KB";

	@TempDir
	Path root;

	private TrackerProcess tracker;

	private RestClient trackerApi;

	private final List<Agent> agents = new ArrayList<>();

	@BeforeEach
	void startTracker() throws Exception {
		this.tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")));
		this.trackerApi = RestClient.builder().baseUrl(this.tracker.url().toString()).build();
	}

	@AfterEach
	void stopSwarm() throws InterruptedException {
		this.agents.forEach(Agent::close);
		this.tracker.close();
	}

	@Test
	void threeLeechesDownloadAtOnceAndFeedEachOther() throws Exception {
		Path original = SwarmFiles.randomFile(this.root.resolve("seed"), "movie.bin", 8 * 1024 * 1024 + 123, 1);
		String expected = SwarmFiles.sha256(original);
		Agent seed = agent("seed", "--peer.mode=seed", CHUNKS_256K, "--peer.server.upload-rate=2MB");
		List<Agent> leeches = List.of(agent("leech-1"), agent("leech-2"), agent("leech-3"));
		awaitListed("movie.bin", 1);

		Instant asked = Instant.now();
		leeches
			.forEach((leech) -> assertThat(leech.download("movie.bin").state()).isEqualTo(DownloadState.DOWNLOADING));
		for (Agent leech : leeches) {
			DownloadStatus done = awaitComplete(leech, "movie.bin");
			assertThat(SwarmFiles.sha256(leech.shareDir().resolve("movie.bin"))).isEqualTo(expected);
			assertThat(done.startedAt()).as("when it started").isBetween(asked, done.finishedAt());
			assertThat(done.finishedAt()).as("when it finished").isBeforeOrEqualTo(Instant.now());
			// on the wire an ISO-8601 instant, as scripts (and the benchmarks) read it
			Map<?, ?> raw = leech.http().get().uri("/api/v1/downloads/movie.bin").retrieve().body(Map.class);
			assertThat(Instant.parse((String) raw.get("finishedAt"))).isEqualTo(done.finishedAt());
		}

		Set<String> sourcesOtherThanTheSeed = new HashSet<>();
		leeches.forEach((leech) -> sourcesOtherThanTheSeed.addAll(leech.status("movie.bin").chunksBySource().keySet()));
		sourcesOtherThanTheSeed.remove(seed.peerId());
		assertThat(sourcesOtherThanTheSeed).as("chunks that leeches got from each other").isNotEmpty();

		Set<String> everyone = Set.of(seed.peerId(), leeches.get(0).peerId(), leeches.get(1).peerId(),
				leeches.get(2).peerId());
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.tracker.completeSources("movie.bin"))
				.containsExactlyInAnyOrderElementsOf(everyone));
	}

	/**
	 * A leech that never asks FILE_LOCATIONS again after the lookup that started it still
	 * fetches from a leech that came later: the tracker's answers to its chunk reports
	 * list the file's holders.
	 */
	@Test
	void aLeechLearnsOfLaterSourcesFromTheAnswersToItsChunkReports() throws Exception {
		Path original = SwarmFiles.randomFile(this.root.resolve("seed"), "lecture.mp4", 4 * 1024 * 1024, 5);
		String expected = SwarmFiles.sha256(original);
		agent("seed", "--peer.mode=seed", "--peer.chunk-size=64KB", "--peer.server.upload-rate=512KB");
		awaitListed("lecture.mp4", 1);
		Agent early = agent("early", "--peer.transfer.locations-refresh=1h", "--peer.transfer.starved-refresh=1h");
		early.download("lecture.mp4");
		await().atMost(PATIENCE).until(() -> early.status("lecture.mp4").chunksDone() >= 4);
		Agent late = agent("late");
		late.download("lecture.mp4");

		DownloadStatus done = awaitComplete(early, "lecture.mp4");
		assertThat(SwarmFiles.sha256(early.shareDir().resolve("lecture.mp4"))).isEqualTo(expected);
		assertThat(done.chunksBySource()).as("chunks from the leech that started after its one lookup")
			.containsKey(late.peerId());
		awaitComplete(late, "lecture.mp4");
		assertThat(SwarmFiles.sha256(late.shareDir().resolve("lecture.mp4"))).isEqualTo(expected);
	}

	/**
	 * Small files at full speed end within milliseconds of each other on several leeches:
	 * the file is checked as a whole only once every worker has written its chunk.
	 */
	@Test
	void smallFilesFetchedAtFullSpeedByEveryLeechAreWholeAndRight() throws Exception {
		List<String> names = List.of("a.bin", "b.bin", "c.bin", "d.bin", "e.bin", "f.bin");
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			expected.add(SwarmFiles
				.sha256(SwarmFiles.randomFile(this.root.resolve("seed"), names.get(i), 1024 * 1024 + i * 777, 10 + i)));
		}
		agent("seed", "--peer.mode=seed", "--peer.chunk-size=16KB");
		List<Agent> leeches = List.of(agent("leech-1"), agent("leech-2"), agent("leech-3"));
		names.forEach((name) -> awaitListed(name, 1));

		for (Agent leech : leeches) {
			names.forEach(leech::download);
		}
		for (Agent leech : leeches) {
			for (int i = 0; i < names.size(); i++) {
				awaitComplete(leech, names.get(i));
				assertThat(SwarmFiles.sha256(leech.shareDir().resolve(names.get(i)))).isEqualTo(expected.get(i));
			}
		}
	}

	/**
	 * After a restart a leech finds what it downloaded in its share directory and shares
	 * it in the swarm's chunk layout (not its own chunk size), without hashing it again.
	 */
	@Test
	void aLeechRestartedAfterItsDownloadSharesTheFileInTheSwarmsLayout() throws Exception {
		Path original = SwarmFiles.randomFile(this.root.resolve("seed"), "song.flac", 3 * 1024 * 1024 + 5, 7);
		String expected = SwarmFiles.sha256(original);
		Agent seed = agent("seed", "--peer.mode=seed", CHUNKS_256K);
		awaitListed("song.flac", 1);
		Agent leech = agent("leech", "--peer.chunk-size=1MB", "--peer.download=song.flac");
		awaitComplete(leech, "song.flac");
		leech.close();
		seed.close();

		leech.launch();
		await().atMost(PATIENCE).until(leech::isRegistered);
		assertThat(leech.counter("agent.files.hashed")).as("files hashed again after the restart").isZero();
		assertThat(leech.download("song.flac").state()).isEqualTo(DownloadState.COMPLETE);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.tracker.completeSources("song.flac")).containsExactly(leech.peerId()));
		assertThat(locations("song.flac").chunkSize()).isEqualTo(256 * 1024);
		assertThat(SwarmFiles.sha256(leech.shareDir().resolve("song.flac"))).isEqualTo(expected);
	}

	/**
	 * Also with every next chunk asked as soon as the current one starts arriving
	 * ({@code ask-ahead} of an hour): a request asked behind one that fails is given up
	 * with its connection.
	 */
	@ParameterizedTest(name = "ask-ahead {0}")
	@ValueSource(strings = { "0s", "1h" })
	void aSeedThatStopsMidDownloadCostsOnlyARetryElsewhere(String askAhead) throws Exception {
		Path original = SwarmFiles.randomFile(this.root.resolve("seed-a"), "album.zip", 6 * 1024 * 1024, 2);
		Files.copy(original, Files.createDirectories(this.root.resolve("seed-b")).resolve("album.zip"));
		String expected = SwarmFiles.sha256(original);
		Agent first = agent("seed-a", "--peer.mode=seed", CHUNKS_256K, "--peer.server.upload-rate=1MB");
		Agent second = agent("seed-b", "--peer.mode=seed", CHUNKS_256K, "--peer.server.upload-rate=1MB");
		awaitListed("album.zip", 2);
		Agent leech = agent("leech", "--peer.transfer.ask-ahead=" + askAhead);

		leech.download("album.zip");
		await().atMost(PATIENCE).until(() -> leech.status("album.zip").chunksDone() >= 4);
		first.close();

		DownloadStatus done = awaitComplete(leech, "album.zip");
		assertThat(SwarmFiles.sha256(leech.shareDir().resolve("album.zip"))).isEqualTo(expected);
		assertThat(done.chunksBySource()).containsKey(second.peerId());
	}

	@ParameterizedTest(name = "ask-ahead {0}")
	@ValueSource(strings = { "0s", "1h" })
	void aPeerThatServesCorruptBytesIsBannedAndTheFileIsStillRight(String askAhead) throws Exception {
		Path original = SwarmFiles.randomFile(this.root.resolve("honest"), "report.pdf", 4 * 1024 * 1024, 3);
		String expected = SwarmFiles.sha256(original);
		Path forged = Files.copy(original, Files.createDirectories(this.root.resolve("liar")).resolve("report.pdf"));
		Agent honest = agent("honest", "--peer.mode=seed", CHUNKS_256K, "--peer.server.upload-rate=1MB");
		Agent liar = agent("liar", "--peer.mode=seed", CHUNKS_256K);
		awaitListed("report.pdf", 2);
		scribbleKeepingTheStamp(forged);
		Agent leech = agent("leech", "--peer.transfer.ban-duration=10m", "--peer.transfer.ask-ahead=" + askAhead);

		leech.download("report.pdf");
		DownloadStatus done = awaitComplete(leech, "report.pdf");

		assertThat(SwarmFiles.sha256(leech.shareDir().resolve("report.pdf"))).isEqualTo(expected);
		assertThat(leech.counter("agent.chunks.rejected")).isPositive();
		assertThat(done.bannedSources()).isOne();
		assertThat(done.chunksBySource()).containsOnlyKeys(honest.peerId()).doesNotContainKey(liar.peerId());
	}

	@Test
	void aLeechStoppedMidDownloadResumesWithoutFetchingVerifiedChunksAgain() throws Exception {
		Path original = SwarmFiles.randomFile(this.root.resolve("seed"), "dataset.csv", 6 * 1024 * 1024, 4);
		String expected = SwarmFiles.sha256(original);
		agent("seed", "--peer.mode=seed", CHUNKS_256K, "--peer.server.upload-rate=1MB");
		awaitListed("dataset.csv", 1);
		Agent leech = agent("leech");

		leech.download("dataset.csv");
		await().atMost(PATIENCE).until(() -> leech.status("dataset.csv").chunksDone() >= 8);
		leech.close();
		int verifiedBeforeRestart = SwarmFiles.countVerifiedInState(leech.shareDir(), expected);
		assertThat(verifiedBeforeRestart).isGreaterThanOrEqualTo(8);

		leech.launch();
		DownloadStatus done = awaitComplete(leech, "dataset.csv");
		assertThat(SwarmFiles.sha256(leech.shareDir().resolve("dataset.csv"))).isEqualTo(expected);
		assertThat(done.chunksResumed()).isEqualTo(verifiedBeforeRestart);
		int fetchedAfterRestart = done.chunksBySource().values().stream().mapToInt(Integer::intValue).sum();
		assertThat(fetchedAfterRestart).isEqualTo(done.chunkCount() - verifiedBeforeRestart);
	}

	private Agent agent(String name, String... properties) throws Exception {
		Agent agent = Agent.start(name, this.root.resolve(name), this.tracker.url(), properties);
		this.agents.add(agent);
		return agent;
	}

	private void awaitListed(String fileName, int completeSources) {
		await().atMost(PATIENCE)
			.ignoreExceptions()
			.until(() -> this.tracker.completeSources(fileName).size(), (count) -> count >= completeSources);
	}

	private FileLocations locations(String fileName) {
		return this.trackerApi.get().uri("/api/v1/files/{f}/locations", fileName).retrieve().body(FileLocations.class);
	}

	private static DownloadStatus awaitComplete(Agent agent, String fileName) {
		DownloadStatus status = agent.awaitEnd(fileName, PATIENCE);
		assertThat(status.state()).as(status.message()).isEqualTo(DownloadState.COMPLETE);
		return status;
	}

	/**
	 * Corrupts the shared copy behind the agent's back, so it serves bad bytes under the
	 * right hash.
	 */
	private static void scribbleKeepingTheStamp(Path file) throws Exception {
		FileTime stamp = Files.getLastModifiedTime(file);
		byte[] bytes = Files.readAllBytes(file);
		for (int i = 0; i < bytes.length; i += 4096) {
			bytes[i] ^= 0x5A;
		}
		Files.write(file, bytes);
		Files.setLastModifiedTime(file, stamp);
	}

}
