package dev.p2pshare.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.agent.storage.ChunkHasher;
import dev.p2pshare.agent.storage.Sha256Chain;
import dev.p2pshare.dto.FileList;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.PeerLocation;
import dev.p2pshare.dto.PeerRegistration;
import dev.p2pshare.dto.SharedFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chain states from end to end: a seed started from its jar publishes them, the tracker
 * passes them on, a leech checks every chunk against them; and metadata whose chain
 * states contradict its chunk hashes ends a download with that said, without blaming the
 * peer.
 */
class ChainStatesIT {

	private static final int CHUNK = 256 * 1024;

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	@TempDir
	Path root;

	@Test
	void aSeedStartedFromItsJarPublishesChainStatesAndALeechDownloadsByThem() throws Exception {
		Path seedDir = this.root.resolve("seed");
		Path original = SwarmFiles.randomFile(seedDir, "video.mp4", 40 * CHUNK + 4321, 5);
		byte[] bytes = Files.readAllBytes(original);
		String sha256 = SwarmFiles.sha256(bytes);
		Path seedLog = this.root.resolve("seed.log");
		Process seed = null;
		try (TrackerProcess tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")))) {
			seed = Agent.startProcess(seedLog, "--peer.mode=seed", "--peer.share-dir=" + seedDir,
					"--peer.tracker-url=" + tracker.url(), "--peer.tcp-port=0", "--peer.chunk-size=256KB");
			RestClient trackerApi = RestClient.create(tracker.url().toString());
			FileLocations listed = await().atMost(PATIENCE)
				.ignoreExceptions()
				.until(() -> trackerApi.get()
					.uri("/api/v1/files/{name}/locations", "video.mp4")
					.retrieve()
					.body(FileLocations.class),
						(locations) -> locations.peers().stream().anyMatch(PeerLocation::complete));

			assertThat(Files.readString(seedLog)).as("the jar's manifest opens what Sha256Chain needs")
				.contains("SHA-256 resumes from chain states here");
			assertThat(listed.chainStates()).hasSize(41).first().isEqualTo(SharedFile.SHA256_INITIAL_STATE);
			for (int index = 0; index < 41; index++) {
				// each state is the one from which the rest of the file hashes to its
				// SHA-256
				Sha256Chain chain = Sha256Chain.resume(HexFormat.of().parseHex(listed.chainStates().get(index)),
						(long) index * CHUNK);
				chain.update(bytes, index * CHUNK, bytes.length - index * CHUNK);
				assertThat(HexFormat.of().formatHex(chain.finish())).as("from chunk %d", index).isEqualTo(sha256);
			}
			try (Agent leech = Agent.start("leech", this.root.resolve("leech"), tracker.url())) {
				leech.download("video.mp4");
				DownloadStatus done = leech.awaitEnd("video.mp4", PATIENCE);
				assertThat(done.state()).as(done.message()).isEqualTo(DownloadState.COMPLETE);
				assertThat(SwarmFiles.sha256(leech.shareDir().resolve("video.mp4"))).isEqualTo(sha256);
				assertThat(leech.counter("agent.chunks.rejected")).isZero();
				assertThat(leech.counter("agent.chunks.chained")).as("every chunk hashed once")
					.isEqualTo(done.chunkCount());
			}
		}
		finally {
			if (seed != null) {
				seed.destroy();
				seed.waitFor();
			}
		}
	}

	@Test
	void aSeedWhoseRegistrationWouldPassTheTrackersLimitRegistersInBatches() throws Exception {
		Path share = this.root.resolve("share");
		for (int i = 1; i <= 6; i++) {
			// 256 chunks of 1 KiB: about 35 KB of hashes and chain states in JSON each
			SwarmFiles.randomFile(share, "part-" + i + ".bin", 256 * 1024, i);
		}
		try (TrackerProcess tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")),
				"--tracker.max-request-size=64KB");
				Agent seed = Agent.start("seed", share, tracker.url(), "--peer.mode=seed", "--peer.chunk-size=1KB",
						"--peer.tracker.register-batch=48KB")) {
			RestClient trackerApi = RestClient.create(tracker.url().toString());
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(trackerApi.get().uri("/api/v1/files").retrieve().body(FileList.class))
					.extracting(FileList::count)
					.isEqualTo(6));
			for (int i = 1; i <= 6; i++) {
				FileLocations part = trackerApi.get()
					.uri("/api/v1/files/{name}/locations", "part-" + i + ".bin")
					.retrieve()
					.body(FileLocations.class);
				assertThat(part.chainStates()).hasSize(256);
				assertThat(part.peers()).extracting(PeerLocation::peerId).containsExactly(seed.peerId());
			}
		}
	}

	@Test
	void chainStatesThatContradictTheChunkHashesEndTheDownloadWithoutBlamingThePeer() throws Exception {
		Path original = SwarmFiles.randomFile(this.root.resolve("honest"), "report.pdf", 12 * CHUNK + 99, 8);
		SharedFile honest = ChunkHasher.hash(original, "report.pdf", CHUNK, (done) -> {
		});
		Path other = SwarmFiles.randomFile(this.root.resolve("other"), "report.pdf", 12 * CHUNK + 99, 9);
		SharedFile otherContent = ChunkHasher.hash(other, "report.pdf", CHUNK, (done) -> {
		});
		SharedFile contradicting = new SharedFile(honest.name(), honest.size(), CHUNK, honest.sha256(),
				honest.chunkHashes(), otherContent.chainStates());
		try (TrackerProcess tracker = TrackerProcess.start(Files.createDirectories(this.root.resolve("tracker")));
				OlderAgent peer = new OlderAgent(Files.readAllBytes(original), honest)) {
			RestClient.create(tracker.url().toString())
				.post()
				.uri("/api/v1/register")
				.body(new PeerRegistration("honest-bytes", "127.0.0.1", peer.port(), List.of(contradicting)))
				.retrieve()
				.toBodilessEntity();
			try (Agent leech = Agent.start("leech", this.root.resolve("leech"), tracker.url())) {
				leech.download("report.pdf");
				DownloadStatus done = leech.awaitEnd("report.pdf", PATIENCE);

				assertThat(done.state()).isEqualTo(DownloadState.FAILED);
				assertThat(done.message()).contains("The tracker's metadata for 'report.pdf' is inconsistent")
					.contains("matches its chunk hash but not the chain states the tracker published");
				assertThat(done.bannedSources()).as("the peer sent the right bytes").isZero();
				assertThat(leech.shareDir().resolve("report.pdf")).doesNotExist();
			}
		}
	}

}
