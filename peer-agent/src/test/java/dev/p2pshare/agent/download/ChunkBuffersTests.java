package dev.p2pshare.agent.download;

import java.io.IOException;
import java.nio.ByteBuffer;

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
	void withTheMemoryOutsideTheHeapSpentTheBudgetShrinksToTheBuffersInUse() throws IOException {
		DirectMemory memory = new DirectMemory(2);
		ChunkBuffers buffers = new ChunkBuffers(8 * CHUNK, memory::allocate);
		ByteBuffer first = buffers.tryTake(CHUNK);
		buffers.tryTake(CHUNK);
		assertThat(buffers.tryTake(CHUNK)).as("no memory for a third, though the budget has room").isNull();
		assertThat(buffers.tryTake(CHUNK)).isNull();
		assertThat(buffers.inUse()).isEqualTo(2 * CHUNK);
		buffers.give(first);
		assertThat(buffers.tryTake(CHUNK)).as("the one given back").isSameAs(first);
		assertThat(memory.attempts).as("the JDK, which takes up to half a second to refuse, asked once").isEqualTo(3);
	}

	@Test
	void withNoMemoryOutsideTheHeapForOneBufferTheDownloadFailsSayingWhy() {
		ChunkBuffers buffers = new ChunkBuffers(8 * CHUNK, new DirectMemory(0)::allocate);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> buffers.tryTake(CHUNK))
			.withMessageContaining("No memory outside the heap for a chunk of 1024 bytes")
			.withMessageContaining("-XX:MaxDirectMemorySize");
		assertThat(buffers.inUse()).isZero();
	}

	/**
	 * Allocates as the JDK does until {@code room} buffers exist, then fails as it does
	 * when {@code -XX:MaxDirectMemorySize} is reached.
	 */
	private static final class DirectMemory {

		private final int room;

		private int attempts;

		DirectMemory(int room) {
			this.room = room;
		}

		ByteBuffer allocate(int size) {
			this.attempts++;
			if (this.attempts > this.room) {
				throw new OutOfMemoryError("Cannot reserve " + size + " bytes of direct buffer memory");
			}
			return ByteBuffer.allocateDirect(size);
		}

	}

}
