package dev.p2pshare.agent.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.p2pshare.agent.config.PeerProperties;
import dev.p2pshare.dto.SharedFile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Finds the files to share in the share directory (regular files directly in it, never
 * links, matching the include and none of the exclude patterns), hashes new and changed
 * ones, and keeps the {@link Library} in step.
 */
@Component
public class ShareScanner {

	private static final Logger logger = LoggerFactory.getLogger(ShareScanner.class);

	private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final StateDirectory state;

	private final Library library;

	private final HashCache cache;

	private final int chunkSize;

	private final List<PathMatcher> include;

	private final List<PathMatcher> exclude;

	/** The stamp of every shared file when it was last hashed, by name. */
	private final Map<String, FileStamp> stamps = new HashMap<>();

	private final Counter filesHashed;

	private final CountDownLatch firstScan = new CountDownLatch(1);

	private final boolean seed;

	private final long rescanSeconds;

	private boolean saidSharingNothing;

	public ShareScanner(StateDirectory state, Library library, HashCache cache, PeerProperties properties,
			MeterRegistry meters) {
		this.filesHashed = Counter.builder("agent.files.hashed")
			.description("Shared files read and hashed (not found in the hash cache)")
			.register(meters);
		this.state = state;
		this.library = library;
		this.cache = cache;
		this.chunkSize = (int) properties.chunkSize().toBytes();
		this.include = matchers(properties.include());
		this.exclude = matchers(properties.exclude());
		this.seed = properties.mode() == PeerProperties.Mode.SEED;
		this.rescanSeconds = properties.rescanInterval().toSeconds();
	}

	/** The files added or changed, and the names of those gone, since the last scan. */
	public record Changes(List<SharedFile> added, List<SharedFile> removed) {

		public boolean isEmpty() {
			return this.added.isEmpty() && this.removed.isEmpty();
		}

	}

	public synchronized Changes scan() {
		try {
			Changes changes = scanOnce();
			if (this.seed && this.stamps.isEmpty() && !this.saidSharingNothing) {
				this.saidSharingNothing = true;
				logger.warn("Sharing no file: {} holds none to share (empty, hidden, *.part and *.tmp files "
						+ "are skipped; see peer.include and peer.exclude). Files put there later are shared "
						+ "at the next scan, every {} s", this.state.shareDir(), this.rescanSeconds);
			}
			return changes;
		}
		finally {
			this.firstScan.countDown();
		}
	}

	private Changes scanOnce() {
		Map<String, Path> present = listShareable();
		List<SharedFile> added = new ArrayList<>();
		List<SharedFile> removed = new ArrayList<>();
		for (String name : List.copyOf(this.stamps.keySet())) {
			if (!present.containsKey(name)) {
				this.stamps.remove(name);
				this.library.findByName(name).filter(SharedEntry::isComplete).ifPresent((entry) -> {
					this.library.remove(entry.hash());
					removed.add(entry.file());
				});
			}
		}
		present.forEach((name, path) -> {
			try {
				FileStamp stamp = FileStamp.of(path);
				if (stamp.equals(this.stamps.get(name))) {
					return;
				}
				SharedFile file = this.cache.find(name, stamp, this.chunkSize).orElse(null);
				if (file == null) {
					file = hashWithProgress(path, name, stamp.size());
					this.cache.put(file, stamp);
				}
				SharedEntry previous = this.library.findByName(name).orElse(null);
				this.stamps.put(name, stamp);
				if (previous != null && previous.hash().hex().equals(file.sha256())) {
					return;
				}
				if (previous != null) {
					this.library.remove(previous.hash());
					removed.add(previous.file());
				}
				this.library.put(SharedEntry.complete(file, path));
				added.add(file);
			}
			catch (IOException ex) {
				logger.warn("Not sharing {}: {}", name, ex.getMessage());
			}
		});
		return new Changes(added, removed);
	}

	/**
	 * Waits until the share directory has been scanned once, so that what is already on
	 * disk is known before anything is downloaded.
	 */
	public void awaitFirstScan() throws InterruptedException {
		this.firstScan.await();
	}

	/**
	 * A download finished into the share directory: its hashes are known, so skip hashing
	 * it.
	 */
	public synchronized void adopt(SharedFile file, Path path) throws IOException {
		FileStamp stamp = FileStamp.of(path);
		this.cache.putFromSwarm(file, stamp);
		this.stamps.put(file.name(), stamp);
	}

	private Map<String, Path> listShareable() {
		Map<String, Path> files = new HashMap<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.state.shareDir())) {
			for (Path path : entries) {
				Path name = path.getFileName();
				if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && matchesAny(this.include, name)
						&& !matchesAny(this.exclude, name) && isShareableName(name.toString())
						&& Files.size(path) > 0) {
					files.put(name.toString(), path);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot list the share directory {}: {}", this.state.shareDir(), ex.getMessage());
		}
		return files;
	}

	private boolean isShareableName(String name) {
		try {
			SafeNames.resolve(this.state.shareDir(), name);
			return true;
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Not sharing {}: its name cannot travel in the swarm", name);
			return false;
		}
	}

	private SharedFile hashWithProgress(Path path, String name, long size) throws IOException {
		long started = System.nanoTime();
		long[] lastReport = { started };
		SharedFile file = ChunkHasher.hash(path, name, this.chunkSize, (hashed) -> {
			long now = System.nanoTime();
			if (now - lastReport[0] > PROGRESS_EVERY_NANOS) {
				lastReport[0] = now;
				logger.info("Hashing {}: {} of {} MiB ({}%)", name, hashed >> 20, size >> 20,
						(size > 0) ? hashed * 100 / size : 100);
			}
		});
		this.filesHashed.increment();
		logger.info("Hashed {} ({} bytes, {} chunks) in {} ms", name, file.size(), file.chunkHashes().size(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		return file;
	}

	private static List<PathMatcher> matchers(List<String> globs) {
		return globs.stream().map((glob) -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
	}

	private static boolean matchesAny(List<PathMatcher> matchers, Path name) {
		return matchers.stream().anyMatch((matcher) -> matcher.matches(name));
	}

}
