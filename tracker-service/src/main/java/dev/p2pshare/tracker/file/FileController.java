package dev.p2pshare.tracker.file;

import dev.p2pshare.dto.ChunkRegistration;
import dev.p2pshare.dto.ChunkRegistrationResult;
import dev.p2pshare.dto.FileList;
import dev.p2pshare.dto.FileLocations;
import dev.p2pshare.dto.RegistrationResult;
import dev.p2pshare.dto.validation.FileName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** FILE_LIST, FILE_LOCATIONS and CHUNK_REGISTER. */
@RestController
@RequestMapping("/api/v1/files")
class FileController {

	private final FileQueries queries;

	private final FileRegistry registry;

	FileController(FileQueries queries, FileRegistry registry) {
		this.queries = queries;
		this.registry = registry;
	}

	/**
	 * FILE_LIST: every file that at least one live peer holds, with how many live peers
	 * hold it whole and in part.
	 * @return the files, sorted by name
	 */
	@GetMapping
	FileList list() {
		return this.queries.list();
	}

	/**
	 * FILE_LOCATIONS: the file's metadata, chunk hashes and chain states, and the live
	 * peers with the chunks each holds. 404 when no file of this name is known.
	 * @param fileName the file name
	 * @param chunkHashes whether to list the chunk hashes and chain states; a downloader
	 * that has them already asks with {@code false}, {@code chunkHashes} comes back empty
	 * and {@code chainStates} absent: the answer shrinks by 67 bytes of JSON per chunk,
	 * 134 with chain states
	 * @param chunkBitfield whether to give each peer's chunks as a bitfield
	 * ({@code chunkBitfield}, {@code chunks} empty) instead of runs of indices: a peer
	 * holding scattered chunks then takes a bit per chunk instead of up to 27 bytes of
	 * JSON per run
	 * @param maxPeers the most holders to list (1 to 10,000), as a BitTorrent announce's
	 * {@code numwant}: when more peers hold the file, a random that many of them, and
	 * {@code morePeers} is true. Agents ask for 50, so that the answer they ask for every
	 * few seconds does not grow with the swarm. All of them when absent
	 * @return where the file's chunks are
	 */
	@GetMapping("/{fileName}/locations")
	FileLocations locations(@PathVariable @FileName String fileName,
			@RequestParam(name = "chunkHashes", defaultValue = "true") boolean chunkHashes,
			@RequestParam(name = "chunkBitfield", defaultValue = "false") boolean chunkBitfield,
			@RequestParam(name = "maxPeers", required = false) @Min(1) @Max(FileLocations.MAX_PEERS) Integer maxPeers) {
		return this.queries.locations(fileName, chunkHashes, chunkBitfield, maxPeers);
	}

	/**
	 * CHUNK_REGISTER: a peer now holds these chunks of the file, verified against the
	 * published hashes, and serves them. Registering a chunk twice is harmless.
	 * @param fileName the file name
	 * @param registration the peer and its new chunk indices, in a batch
	 * @param peerSecret the secret the peer's registration returned
	 * @param peers whether to answer with the file's live holders too, each with its
	 * chunks as a bitfield, as FILE_LOCATIONS with {@code chunkBitfield=true} lists them:
	 * a downloader reporting its chunks then learns its sources without a second request.
	 * At most {@code tracker.max-report-holders} (50) of them, picked at random when more
	 * peers hold the file
	 * @return how much of the file the peer now holds, and its holders when asked for
	 */
	@PostMapping("/{fileName}/chunks")
	ChunkRegistrationResult registerChunks(@PathVariable @FileName String fileName,
			@RequestBody @Valid ChunkRegistration registration,
			@RequestHeader(name = RegistrationResult.SECRET_HEADER, required = false) String peerSecret,
			@RequestParam(name = "peers", defaultValue = "false") boolean peers) {
		return this.registry.registerChunks(fileName, registration, peerSecret, peers);
	}

}
