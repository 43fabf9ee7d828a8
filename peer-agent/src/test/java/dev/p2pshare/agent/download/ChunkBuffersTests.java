package dev.p2pshare.agent.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChunkBuffersTests {

	private static final int CHUNK = 1024;

	@Test
	void handsOutBuffersWithinTheBudgetAndReusesTheOnesGivenBack() throws IOException {
		ChunkBuffers buffers = new ChunkBuffers(2 * CHUNK, ByteBuffer::allocateDirect);
		ByteBuffer first = buffers.tryTake(CHUNK);
		ByteBuffer second = buffers.tryTake(CHUNK);
		assertThat(buffers.tryTake(CHUNK)).as("the budget is spent").isNull();
		buffers.give(first);
		assertThat(buffers.tryTake(CHUNK)).isSameAs(first);
		assertThat(second.capacity()).isEqualTo(CHUNK);
		assertThat(buffers.inUse()).isEqualTo(2 * CHUNK);
	}

	@Test
	void aChunkLargerThanTheBudgetStillGetsOneBuffer() throws IOException {
		ChunkBuffers buffers = new ChunkBuffers(CHUNK, ByteBuffer::allocateDirect);
		assertThat(buffers.tryTake(4 * CHUNK)).isNotNull();
		assertThat(buffers.tryTake(4 * CHUNK)).isNull();
	}

	@Test
	void withTheMemoryOutsideTheHeapSpentADownloadWaitsForABufferInUse() throws IOException {
		ChunkBuffers buffers = new ChunkBuffers(8 * CHUNK, directMemoryFor(2));
		ByteBuffer first = buffers.tryTake(CHUNK);
		buffers.tryTake(CHUNK);
		assertThat(buffers.tryTake(CHUNK)).as("no memory for a third, though the budget has room").isNull();
		assertThat(buffers.inUse()).isEqualTo(2 * CHUNK);
		buffers.give(first);
		assertThat(buffers.tryTake(CHUNK)).as("the one given back").isSameAs(first);
	}

	@Test
	void withNoMemoryOutsideTheHeapForOneBufferTheDownloadFailsSayingWhy() {
		ChunkBuffers buffers = new ChunkBuffers(8 * CHUNK, directMemoryFor(0));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> buffers.tryTake(CHUNK))
			.withMessageContaining("No memory outside the heap for a chunk of 1024 bytes")
			.withMessageContaining("-XX:MaxDirectMemorySize");
		assertThat(buffers.inUse()).isZero();
	}

	/**
	 * Allocates as the JDK does until {@code count} buffers exist, then fails as it does
	 * when {@code -XX:MaxDirectMemorySize} is reached.
	 */
	private static IntFunction<ByteBuffer> directMemoryFor(int count) {
		int[] allocated = { 0 };
		return (size) -> {
			if (allocated[0] == count) {
				throw new OutOfMemoryError("Cannot reserve " + size + " bytes of direct buffer memory");
			}
			allocated[0]++;
			return ByteBuffer.allocateDirect(size);
		};
	}

}
