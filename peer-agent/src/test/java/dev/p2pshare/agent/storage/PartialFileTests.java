package dev.p2pshare.agent.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.p2pshare.dto.SharedFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PartialFileTests {

	/** A multiple of the usual 4 KiB block size, so that direct writes take it. */
	private static final int CHUNK = 4096;

	@TempDir
	Path directory;

	private final JsonMapper json = JsonMapper.builder().build();

	/** Memory for chunks ahead of the whole file's hash: two chunks. */
	private final DigestMemory memory = new DigestMemory(2 * CHUNK);

	private byte[] content;

	/** The file as agents describe it for two passes: without chain states. */
	private SharedFile file;

	/** The same file with its chain states, checked in one pass. */
	private SharedFile chained;

	@BeforeEach
	void describeAFile() throws IOException {
		this.content = new byte[5 * CHUNK + 100];
		new Random(42).nextBytes(this.content);
		Path original = this.directory.resolve("original.bin");
		Files.write(original, this.content);
		this.chained = ChunkHasher.hash(original, "movie.bin", CHUNK, (done) -> {
		});
		this.file = withoutChainStates(this.chained);
	}

	@Test
	void chainedChunksWrittenInAnyOrderAndAcrossARestartMakeTheFileWithNothingReadBack() throws IOException {
		assertThat(this.chained.chainStates()).hasSize(6);
		try (PartialFile partial = PartialFile.open(this.directory, this.chained, this.json, true, this.memory)) {
			write(partial, 5);
			write(partial, 2);
			partial.saveState();
		}
		PartialFile resumed = PartialFile.open(this.directory, this.chained, this.json, true, this.memory);
		assertThat(resumed.verified()).isEqualTo(bits(2, 5));
		for (int index : new int[] { 4, 1, 0, 3 }) {
			write(resumed, index);
		}
		assertThat(resumed.matchesFileHash()).isTrue();
		assertThat(resumed.chunksReadBack()).as("no whole file's hash apart").isZero();
		Path target = this.directory.resolve("movie.bin");
		resumed.placeAt(target);
		assertThat(Files.readAllBytes(target)).isEqualTo(this.content);
	}

	@Test
	void aChainedFileIsNotWholeUntilEveryChunkIsThere() throws IOException {
		try (PartialFile partial = PartialFile.open(this.directory, this.chained, this.json, false, this.memory)) {
			for (int index = 0; index < 5; index++) {
				write(partial, index);
			}
			assertThat(partial.matchesFileHash()).isFalse();
		}
	}

	@Test
	void onResumeChainedChunksAreCheckedAgainstTheirChainStates() throws IOException {
		try (PartialFile partial = PartialFile.open(this.directory, this.chained, this.json, false, this.memory)) {
			write(partial, 0);
			write(partial, 2);
			write(partial, 5);
			partial.saveState();
		}
		try (RandomAccessFile scribble = new RandomAccessFile(
				this.directory.resolve(this.chained.sha256() + ".part").toFile(), "rw")) {
			scribble.seek(2L * CHUNK + 17);
			scribble.write(0x5a ^ this.content[2 * CHUNK + 17]);
			scribble.seek(5L * CHUNK + 3);
			scribble.write(0x5a ^ this.content[5 * CHUNK + 3]);
		}
		try (PartialFile resumed = PartialFile.open(this.directory, this.chained, this.json, false, this.memory)) {
			assertThat(resumed.verified()).isEqualTo(bits(0));
		}
	}

	@ParameterizedTest(name = "direct writes: {0}")
	@ValueSource(booleans = { false, true })
	void theFileIsPreSizedAndChunksLandAtTheirOffsets(boolean direct) throws IOException {
		try (PartialFile partial = PartialFile.open(this.directory, this.file, this.json, direct, this.memory)) {
			assertThat(Files.size(partial.path())).isEqualTo(this.content.length);
			write(partial, 5);
			write(partial, 1);
			assertThat(partial.verified()).isEqualTo(bits(1, 5));
			byte[] onDisk = Files.readAllBytes(partial.path());
			assertThat(Arrays.copyOfRange(onDisk, CHUNK, 2 * CHUNK))
				.isEqualTo(Arrays.copyOfRange(this.content, CHUNK, 2 * CHUNK));
			assertThat(partial.matchesFileHash()).isFalse();
		}
	}

	@ParameterizedTest(name = "direct writes: {0}")
	@ValueSource(booleans = { false, true })
	void aRestartResumesWithTheVerifiedChunks(boolean direct) throws IOException {
		try (PartialFile partial = PartialFile.open(this.directory, this.file, this.json, direct, this.memory)) {
			write(partial, 0);
			write(partial, 3);
			partial.saveState();
		}
		try (PartialFile resumed = PartialFile.open(this.directory, this.file, this.json, direct, this.memory)) {
			assertThat(resumed.verified()).isEqualTo(bits(0, 3));
			assertThat(PartialFile.unfinished(this.directory, this.json)).containsExactly(this.file);
		}
	}

	@ParameterizedTest(name = "direct writes: {0}")
	@ValueSource(booleans = { false, true })
	void chunksScribbledOnWhileStoppedAreFetchedAgain(boolean direct) throws IOException {
		Path data;
		try (PartialFile partial = PartialFile.open(this.directory, this.file, this.json, direct, this.memory)) {
			write(partial, 0);
			write(partial, 2);
			partial.saveState();
			data = partial.path();
		}
		try (RandomAccessFile scribble = new RandomAccessFile(data.toFile(), "rw")) {
			scribble.seek(2 * CHUNK + 10);
			scribble.write(new byte[] { 1, 2, 3 });
		}
		try (PartialFile resumed = PartialFile.open(this.directory, this.file, this.json, direct, this.memory)) {
			assertThat(resumed.verified()).isEqualTo(bits(0));
		}
	}

	@ParameterizedTest(name = "direct writes: {0}")
	@ValueSource(booleans = { false, true })
	void aTruncatedPartialFileKeepsOnlyWhatIsStillThere(boolean direct) throws IOException {
		Path data;
		try (PartialFile partial = PartialFile.open(this.directory, this.file, this.json, direct, this.memory)) {
			write(partial, 0);
			write(partial, 4);
			partial.saveState();
			data = partial.path();
		}
		try (RandomAccessFile truncate = new RandomAccessFile(data.toFile(), "rw")) {
			truncate.setLength(3 * CHUNK);
		}
		try (PartialFile resumed = PartialFile.open(this.directory, this.file, this.json, direct, this.memory)) {
			assertThat(resumed.verified()).isEqualTo(bits(0));
			assertThat(Files.size(resumed.path())).isEqualTo(this.content.length);
		}
	}

	@ParameterizedTest(name = "direct writes: {0}")
	@ValueSource(booleans = { false, true })
	void aCompleteFileMatchesItsHashAndMovesToItsPlace(boolean direct) throws IOException {
		Path target = this.directory.resolve("movie.bin");
		PartialFile partial = PartialFile.open(this.directory, this.file, this.json, direct, this.memory);
		for (int index = 0; index < 6; index++) {
			write(partial, index);
		}
		assertThat(partial.matchesFileHash()).isTrue();
		partial.placeAt(target);
		assertThat(Files.readAllBytes(target)).isEqualTo(this.content);
		assertThat(PartialFile.unfinished(this.directory, this.json)).isEmpty();
	}

	@ParameterizedTest(name = "direct writes: {0}")
	@ValueSource(booleans = { false, true })
	void chunksWrittenInAnyOrderAndAcrossARestartMatchTheWholeFilesHash(boolean direct) throws IOException {
		try (PartialFile partial = PartialFile.open(this.directory, this.file, this.json, direct, this.memory)) {
			write(partial, 2);
			write(partial, 0);
			partial.saveState();
		}
		PartialFile resumed = PartialFile.open(this.directory, this.file, this.json, direct, this.memory);
		for (int index : new int[] { 4, 1, 5, 3 }) {
			write(resumed, index);
		}
		assertThat(resumed.matchesFileHash()).isTrue();
		Path target = this.directory.resolve("movie.bin");
		resumed.placeAt(target);
		assertThat(Files.readAllBytes(target)).isEqualTo(this.content);
	}

	@ParameterizedTest(name = "direct writes: {0}")
	@ValueSource(booleans = { false, true })
	void metadataWhoseChunksAreNotTheWholeFileDoesNotMatch(boolean direct) throws IOException {
		SharedFile lying = new SharedFile(this.file.name(), this.file.size(), CHUNK, "ab".repeat(32),
				this.file.chunkHashes());
		try (PartialFile partial = PartialFile.open(this.directory, lying, this.json, direct, this.memory)) {
			for (int index = 0; index < 6; index++) {
				write(partial, index);
			}
			assertThat(partial.matchesFileHash()).isFalse();
		}
	}

	@ParameterizedTest(name = "direct writes: {0}")
	@ValueSource(booleans = { false, true })
	void aDiscardedDownloadLeavesNothingToResumeEvenWhenItsStateIsSavedAfter(boolean direct) throws IOException {
		SharedFile lying = new SharedFile(this.file.name(), this.file.size(), CHUNK, "ab".repeat(32),
				this.file.chunkHashes());
		PartialFile partial = PartialFile.open(this.directory, lying, this.json, direct, this.memory);
		for (int index = 0; index < 6; index++) {
			write(partial, index);
		}
		assertThat(partial.matchesFileHash()).isFalse();
		partial.discard();
		// a failing download saves its state on the way out
		partial.saveState();
		assertThat(PartialFile.unfinished(this.directory, this.json)).isEmpty();
		assertThat(partial.path()).doesNotExist();
	}

	@ParameterizedTest(name = "direct writes: {0}")
	@ValueSource(booleans = { false, true })
	void theSameBytesAlreadyInPlaceAreKeptAndTheDownloadIsDone(boolean direct) throws IOException {
		Path target = Files.write(this.directory.resolve("movie.bin"), this.content);
		PartialFile partial = PartialFile.open(this.directory, this.file, this.json, direct, this.memory);
		for (int index = 0; index < 6; index++) {
			write(partial, index);
		}
		partial.placeAt(target);
		assertThat(Files.readAllBytes(target)).isEqualTo(this.content);
		assertThat(PartialFile.unfinished(this.directory, this.json)).isEmpty();
		assertThat(partial.path()).doesNotExist();
	}

	@ParameterizedTest(name = "direct writes: {0}")
	@ValueSource(booleans = { false, true })
	void aDifferentFileInTheWayIsNeitherReplacedNorLost(boolean direct) throws IOException {
		byte[] other = this.content.clone();
		other[other.length - 1] ^= 1;
		Path target = Files.write(this.directory.resolve("movie.bin"), other);
		try (PartialFile partial = PartialFile.open(this.directory, this.file, this.json, direct, this.memory)) {
			for (int index = 0; index < 6; index++) {
				write(partial, index);
			}
			assertThatExceptionOfType(FileAlreadyExistsException.class).isThrownBy(() -> partial.placeAt(target));
			assertThat(Files.readAllBytes(target)).isEqualTo(other);
			assertThat(PartialFile.unfinished(this.directory, this.json)).containsExactly(this.file);
		}
	}

	@ParameterizedTest(name = "direct writes: {0}")
	@ValueSource(booleans = { false, true })
	void anUnreadableStateClaimsNothing(boolean direct) throws IOException {
		Files.writeString(this.directory.resolve(this.file.sha256() + ".state"), "{not json");
		try (PartialFile partial = PartialFile.open(this.directory, this.file, this.json, direct, this.memory)) {
			assertThat(partial.verified()).isEqualTo(new BitSet());
		}
	}

	@ParameterizedTest(name = "chunks kept for the whole file's hash: {0}")
	@ValueSource(ints = { 0, 3, 64 })
	void chunksWrittenAtOnceFromManyThreadsInAnyOrderMatchTheWholeFilesHash(int keptChunks) throws Exception {
		byte[] large = largeContent();
		SharedFile described = describe(large);
		List<Integer> order = IntStream.range(0, 64).boxed().collect(Collectors.toCollection(ArrayList::new));
		Collections.shuffle(order, new Random(keptChunks));
		Queue<Integer> toWrite = new ConcurrentLinkedQueue<>(order);
		DigestMemory memory = new DigestMemory(keptChunks * CHUNK);
		PartialFile partial = PartialFile.open(this.directory, described, this.json, true, memory);
		ExecutorService writers = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				done.add(writers.submit(() -> {
					// one buffer per thread, scribbled on after every write as a worker's
					// next chunk would
					byte[] buffer = new byte[CHUNK];
					for (Integer index = toWrite.poll(); index != null; index = toWrite.poll()) {
						int from = index * CHUNK;
						int length = Math.min(CHUNK, large.length - from);
						System.arraycopy(large, from, buffer, 0, length);
						partial.write(index, ByteBuffer.wrap(buffer), length);
						Arrays.fill(buffer, (byte) 0x5a);
					}
					return null;
				}));
			}
			for (Future<?> writer : done) {
				writer.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			writers.shutdownNow();
		}
		assertThat(partial.matchesFileHash()).isTrue();
		if (keptChunks == 64) {
			assertThat(partial.chunksReadBack()).isZero();
		}
		Path target = this.directory.resolve("large-copy.bin");
		partial.placeAt(target);
		assertThat(memory.inUse()).isZero();
		assertThat(HexFormat.of().formatHex(ChunkHasher.sha256().digest(Files.readAllBytes(target))))
			.isEqualTo(described.sha256());
	}

	@ParameterizedTest(name = "{0} chunks kept, {1} chunks out of order at a time: {2} read back")
	@CsvSource({ "0, 2, 32", "1, 2, 0", "0, 4, 48", "2, 4, 16", "3, 4, 0" })
	void chunksAheadOfTheWholeFilesHashAreKeptWithinTheBudgetAndTheFurthestLeftToTheDisk(int keptChunks, int window,
			int readBack) throws IOException {
		byte[] large = largeContent();
		SharedFile described = describe(large);
		DigestMemory memory = new DigestMemory(keptChunks * CHUNK);
		try (PartialFile partial = PartialFile.open(this.directory, described, this.json, true, memory)) {
			byte[] buffer = new byte[CHUNK];
			// each window written backwards: 3, 2, 1, 0, 7, 6, 5, 4, ...
			for (int first = 0; first < 64; first += window) {
				for (int index = first + window - 1; index >= first; index--) {
					int from = index * CHUNK;
					int length = Math.min(CHUNK, large.length - from);
					System.arraycopy(large, from, buffer, 0, length);
					partial.write(index, ByteBuffer.wrap(buffer), length);
					Arrays.fill(buffer, (byte) 0x5a);
				}
			}
			assertThat(partial.matchesFileHash()).isTrue();
			assertThat(partial.chunksReadBack()).isEqualTo(readBack);
		}
		assertThat(memory.inUse()).isZero();
	}

	@Test
	void downloadsShareTheMemoryForKeptChunksAndGiveItBackWhenTheyClose() throws IOException {
		byte[] large = largeContent();
		SharedFile described = describe(large);
		DigestMemory shared = new DigestMemory(2 * CHUNK);
		PartialFile first = PartialFile.open(Files.createDirectory(this.directory.resolve("a")), described, this.json,
				true, shared);
		// chunks 2 and 1 arrive ahead of chunk 0: kept, which takes all the memory
		writeChunk(first, large, 2);
		writeChunk(first, large, 1);
		assertThat(shared.inUse()).isEqualTo(2 * CHUNK);
		try (PartialFile second = PartialFile.open(Files.createDirectory(this.directory.resolve("b")), described,
				this.json, true, shared)) {
			writeChunk(second, large, 1);
			writeChunk(second, large, 0);
			// nothing left for the second download: its chunk 1 is read back
			assertThat(second.chunksReadBack()).isEqualTo(1);
			first.close();
			assertThat(shared.inUse()).isZero();
			writeChunk(second, large, 3);
			writeChunk(second, large, 2);
			assertThat(second.chunksReadBack()).isEqualTo(1);
		}
		assertThat(shared.inUse()).isZero();
	}

	@ParameterizedTest(name = "chunks in {0} buffers")
	@ValueSource(strings = { "aligned", "misaligned direct", "heap" })
	void alignedChunksGoPastThePageCacheFromAnyBufferAndTheUnalignedTailThroughIt(String kind) throws IOException {
		// under the build directory, whose file system is the project's, not /tmp's
		Path onDisk = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "direct-writes");
		Path target = onDisk.resolve("movie.bin");
		PartialFile partial = PartialFile.open(onDisk, this.file, this.json, true, this.memory);
		assertThat(partial.writesDirectly()).isTrue();
		// one buffer for every chunk, scribbled on after each write as the next chunk
		// would; a downloader's buffers come from AlignedBuffers
		ByteBuffer buffer = switch (kind) {
			case "aligned" -> AlignedBuffers.allocate(CHUNK);
			case "misaligned direct" -> ByteBuffer.allocateDirect(CHUNK + 1).position(1).slice();
			default -> ByteBuffer.allocate(CHUNK);
		};
		for (int index : new int[] { 5, 3, 0, 4, 1, 2 }) {
			int from = index * CHUNK;
			int length = Math.min(CHUNK, this.content.length - from);
			buffer.clear().put(this.content, from, length);
			partial.write(index, buffer, length);
			buffer.clear().put(new byte[CHUNK]);
		}
		assertThat(partial.matchesFileHash()).isTrue();
		partial.placeAt(target);
		assertThat(HexFormat.of().formatHex(ChunkHasher.sha256().digest(Files.readAllBytes(target))))
			.isEqualTo(this.file.sha256());
		Files.delete(target);
		Files.delete(onDisk);
	}

	@ParameterizedTest(name = "direct writes: {0}")
	@ValueSource(booleans = { false, true })
	void reservingTheFilesSpaceKeepsItsSizeAndTheChunksAlreadyWritten(boolean direct) throws IOException {
		// under the build directory, whose file system (ext4 on Linux) takes fallocate
		Path onDisk = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "reserved");
		Path target = onDisk.resolve("movie.bin");
		PartialFile partial = PartialFile.open(onDisk, this.file, this.json, direct, this.memory);
		write(partial, 5);
		write(partial, 0);
		assertThat(partial.reserveSpace()).isTrue();
		assertThat(Files.size(partial.path())).isEqualTo(this.content.length);
		for (int index : new int[] { 3, 1, 4, 2 }) {
			write(partial, index);
		}
		assertThat(partial.matchesFileHash()).isTrue();
		partial.placeAt(target);
		assertThat(Files.readAllBytes(target)).isEqualTo(this.content);
		Files.delete(target);
		Files.delete(onDisk);
	}

	@Test
	void chunksThatDoNotStartOnBlockBoundariesAreWrittenThroughThePageCache() throws IOException {
		SharedFile oddChunks = ChunkHasher.hash(this.directory.resolve("original.bin"), "movie.bin", 1000, (done) -> {
		});
		try (PartialFile partial = PartialFile.open(this.directory, oddChunks, this.json, true, this.memory)) {
			assertThat(partial.writesDirectly()).isFalse();
		}
	}

	private static void writeChunk(PartialFile partial, byte[] content, int index) throws IOException {
		int from = index * CHUNK;
		int to = Math.min(content.length, from + CHUNK);
		partial.write(index, ByteBuffer.wrap(Arrays.copyOfRange(content, from, to)), to - from);
	}

	/** 64 chunks, the last one 7 bytes short. */
	private static byte[] largeContent() {
		byte[] large = new byte[64 * CHUNK - 7];
		new Random(7).nextBytes(large);
		return large;
	}

	private SharedFile describe(byte[] content) throws IOException {
		Path original = Files.write(this.directory.resolve("large.bin"), content);
		return withoutChainStates(ChunkHasher.hash(original, "large.bin", CHUNK, (done) -> {
		}));
	}

	/** What an agent that computes no chain states registers. */
	private static SharedFile withoutChainStates(SharedFile file) {
		return new SharedFile(file.name(), file.size(), file.chunkSize(), file.sha256(), file.chunkHashes());
	}

	private void write(PartialFile partial, int index) throws IOException {
		int from = index * CHUNK;
		int to = Math.min(this.content.length, from + CHUNK);
		partial.write(index, ByteBuffer.wrap(Arrays.copyOfRange(this.content, from, to)), to - from);
	}

	private static BitSet bits(int... indices) {
		BitSet bits = new BitSet();
		Arrays.stream(indices).forEach(bits::set);
		return bits;
	}

}
