package dev.p2pshare.agent.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import dev.p2pshare.dto.SharedFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class Sha256ChainTests {

	private static final int CHUNK = 4096;

	private static final HexFormat HEX = HexFormat.of();

	@TempDir
	Path directory;

	private byte[] content;

	private SharedFile file;

	@BeforeEach
	void hashAFile() throws IOException {
		this.content = new byte[10 * CHUNK + 1234];
		new Random(11).nextBytes(this.content);
		this.file = ChunkHasher.hash(Files.write(this.directory.resolve("f.bin"), this.content), "f.bin", CHUNK,
				(done) -> {
				});
	}

	@Test
	void theTestsJvmOpensWhatTheAgentsJarOpens() {
		assertThat(Sha256Chain.available()).as("surefire's argLine, as the jar's Add-Opens").isTrue();
		assertThat(ChunkDigest.chained(this.file)).isTrue();
	}

	@Test
	void everyChainStateResumedOverTheRestOfTheFileGivesTheFilesSha256() {
		String sha256 = HEX.formatHex(ChunkHasher.sha256().digest(this.content));
		assertThat(this.file.sha256()).isEqualTo(sha256);
		assertThat(this.file.chainStates()).hasSize(11).first().isEqualTo(SharedFile.SHA256_INITIAL_STATE);
		for (int index = 0; index < 11; index++) {
			Sha256Chain chain = Sha256Chain.resume(HEX.parseHex(this.file.chainStates().get(index)),
					(long) index * CHUNK);
			chain.update(this.content, index * CHUNK, this.content.length - index * CHUNK);
			assertThat(HEX.formatHex(chain.finish())).as("from chunk %d", index).isEqualTo(sha256);
		}
	}

	@Test
	void eachChunkPassesInAnyOrderAndAnyChangedByteFails() {
		for (int index = 10; index >= 0; index--) {
			assertThat(matches(this.content, index)).as("chunk %d", index).isTrue();
		}
		for (int index : new int[] { 0, 4, 10 }) {
			byte[] changed = this.content.clone();
			changed[index * CHUNK + 77] ^= 1;
			assertThat(matches(changed, index)).as("chunk %d with a bit flipped", index).isFalse();
		}
		assertThat(matches(this.content, 3, 4)).as("chunk 4's bytes as chunk 3").isFalse();
	}

	@Test
	void aChunkSizeThatIsNoMultipleOf64HasNoChainStatesAndIsCheckedByChunkHash() throws IOException {
		SharedFile odd = ChunkHasher.hash(this.directory.resolve("f.bin"), "f.bin", 1000, (done) -> {
		});
		assertThat(odd.chainStates()).isNull();
		assertThat(odd.sha256()).isEqualTo(this.file.sha256());
		assertThat(ChunkDigest.chained(odd)).isFalse();
		assertThat(ChunkDigest.matches(odd, 2, Arrays.copyOfRange(this.content, 2000, 3000), 1000)).isTrue();
		assertThat(ChunkDigest.matches(odd, 2, Arrays.copyOfRange(this.content, 2001, 3001), 1000)).isFalse();
	}

	@Test
	void aStateIsTakenOnlyAtA64ByteBlock() {
		assertThatIllegalArgumentException().isThrownBy(() -> Sha256Chain.resume(new byte[32], 100));
		assertThatIllegalArgumentException().isThrownBy(() -> Sha256Chain.resume(new byte[31], 64));
		Sha256Chain chain = Sha256Chain.start();
		chain.update(this.content, 0, 100);
		assertThatIllegalStateException().isThrownBy(chain::state);
	}

	private boolean matches(byte[] bytes, int index) {
		return matches(bytes, index, index);
	}

	/** Whether the bytes of chunk {@code from} pass as chunk {@code index}. */
	private boolean matches(byte[] bytes, int index, int from) {
		int start = from * CHUNK;
		int length = Math.min(CHUNK, bytes.length - start);
		return ChunkDigest.matches(this.file, index, Arrays.copyOfRange(bytes, start, start + length), length);
	}

}
