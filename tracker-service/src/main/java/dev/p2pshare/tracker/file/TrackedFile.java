package dev.p2pshare.tracker.file;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import dev.p2pshare.dto.SharedFile;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A file known to the swarm, with the chunk hashes its first holder registered. */
@Entity
@Table(name = "tracked_file")
class TrackedFile {

	private static final int DIGEST_LENGTH = 32;

	private static final HexFormat HEX = HexFormat.of();

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, unique = true)
	private String name;

	@Column(name = "size_bytes")
	private long size;

	@Column(name = "chunk_size")
	private int chunkSize;

	@Column(name = "chunk_count")
	private int chunkCount;

	@Column(nullable = false, length = 64)
	private String sha256;

	@Column(name = "chunk_hashes", nullable = false)
	private byte[] chunkHashes;

	@Column(name = "chain_states")
	private byte[] chainStates;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected TrackedFile() {
	}

	TrackedFile(SharedFile file, Instant now) {
		this.name = file.name();
		this.size = file.size();
		this.chunkSize = file.chunkSize();
		this.chunkCount = file.chunkHashes().size();
		this.sha256 = file.sha256().toLowerCase(Locale.ROOT);
		this.chunkHashes = pack(file.chunkHashes());
		this.chainStates = (file.chainStates() != null) ? pack(file.chainStates()) : null;
		this.createdAt = now;
	}

	/**
	 * Whether the description is of the very same bytes, chunked the same way; chain
	 * states are compared where both sides have them, since older agents send none.
	 */
	boolean sameContentAs(SharedFile file) {
		return this.size == file.size() && this.chunkSize == file.chunkSize()
				&& this.sha256.equalsIgnoreCase(file.sha256())
				&& Arrays.equals(this.chunkHashes, pack(file.chunkHashes())) && (this.chainStates == null
						|| file.chainStates() == null || Arrays.equals(this.chainStates, pack(file.chainStates())));
	}

	/**
	 * Takes the chain states of a holder of the same content when the file has none yet:
	 * registered first by an agent that sent none, it gains them from the next that does.
	 */
	void adoptChainStates(SharedFile file) {
		if (this.chainStates == null && file.chainStates() != null) {
			this.chainStates = pack(file.chainStates());
		}
	}

	List<String> chunkHashesHex() {
		return unpack(this.chunkHashes);
	}

	/** The chain states in hex, or {@code null} when no holder gave them. */
	List<String> chainStatesHex() {
		return (this.chainStates != null) ? unpack(this.chainStates) : null;
	}

	private List<String> unpack(byte[] packed) {
		List<String> hexDigests = new ArrayList<>(this.chunkCount);
		for (int i = 0; i < this.chunkCount; i++) {
			hexDigests.add(HEX.formatHex(packed, i * DIGEST_LENGTH, (i + 1) * DIGEST_LENGTH));
		}
		return hexDigests;
	}

	private static byte[] pack(List<String> hexDigests) {
		byte[] packed = new byte[hexDigests.size() * DIGEST_LENGTH];
		for (int i = 0; i < hexDigests.size(); i++) {
			System.arraycopy(HEX.parseHex(hexDigests.get(i)), 0, packed, i * DIGEST_LENGTH, DIGEST_LENGTH);
		}
		return packed;
	}

	Long getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	long getSize() {
		return this.size;
	}

	int getChunkSize() {
		return this.chunkSize;
	}

	int getChunkCount() {
		return this.chunkCount;
	}

	String getSha256() {
		return this.sha256;
	}

}
