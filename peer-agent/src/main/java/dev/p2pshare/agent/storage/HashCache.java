package dev.p2pshare.agent.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Optional;

import dev.p2pshare.dto.SharedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Chunk hashes computed once, kept in {@code .p2p/hashes/} and reused while the file's
 * size and modification time stay the same. A file downloaded from the swarm keeps the
 * swarm's chunk layout whatever this agent's own chunk size: hashing it again in another
 * layout would make it a different file to the tracker.
 */
@Component
public class HashCache {

	private static final Logger logger = LoggerFactory.getLogger(HashCache.class);

	private final Path directory;

	private final JsonMapper json;

	public HashCache(StateDirectory state, JsonMapper json) {
		this.directory = state.hashes();
		this.json = json;
	}

	/**
	 * The hashes of this file as it was when they were computed, if it has not changed
	 * and they are in this chunk size or the swarm's.
	 */
	public Optional<SharedFile> find(String name, FileStamp stamp, int chunkSize) {
		Path entry = entryOf(name);
		if (!Files.isRegularFile(entry)) {
			return Optional.empty();
		}
		try {
			Entry cached = this.json.readValue(Files.readString(entry, StandardCharsets.UTF_8), Entry.class);
			if (cached.stamp().equals(stamp) && (cached.file().chunkSize() == chunkSize || cached.fromSwarm())
					&& cached.file().name().equals(name) && !lacksChainStates(cached)) {
				return Optional.of(cached.file());
			}
		}
		catch (IOException | JacksonException ex) {
			logger.warn("Ignoring the unreadable hash cache entry {}: {}", entry, ex.getMessage());
		}
		return Optional.empty();
	}

	/**
	 * Hashed here before this agent computed chain states, or by a JVM that could not:
	 * hashed again once, so that downloaders of it hash each byte once.
	 */
	private static boolean lacksChainStates(Entry cached) {
		SharedFile file = cached.file();
		return !cached.fromSwarm() && file.chainStates() == null && Sha256Chain.chains(file.chunkSize());
	}

	/** Remembers the hashes of a file hashed here, in this agent's chunk size. */
	public void put(SharedFile file, FileStamp stamp) {
		put(new Entry(stamp, file, false));
	}

	/**
	 * Remembers the hashes of a file downloaded from the swarm, in the swarm's layout.
	 */
	public void putFromSwarm(SharedFile file, FileStamp stamp) {
		put(new Entry(stamp, file, true));
	}

	private void put(Entry cached) {
		SharedFile file = cached.file();
		Path entry = entryOf(file.name());
		Path temporary = entry.resolveSibling(entry.getFileName() + ".tmp");
		try {
			Files.writeString(temporary, this.json.writeValueAsString(cached), StandardCharsets.UTF_8);
			Files.move(temporary, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | JacksonException ex) {
			logger.warn("Could not cache the hashes of {}: {}", file.name(), ex.getMessage());
		}
	}

	private Path entryOf(String name) {
		String key = HexFormat.of().formatHex(ChunkHasher.sha256().digest(name.getBytes(StandardCharsets.UTF_8)));
		return this.directory.resolve(key + ".json");
	}

	record Entry(FileStamp stamp, SharedFile file, boolean fromSwarm) {
	}

}
