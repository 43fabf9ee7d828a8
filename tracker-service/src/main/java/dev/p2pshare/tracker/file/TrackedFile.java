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
		this.createdAt = now;
	}

	/** Whether the description is of the very same bytes, chunked the same way. */
	boolean sameContentAs(SharedFile file) {
		return this.size == file.size() && this.chunkSize == file.chunkSize()
				&& this.sha256.equalsIgnoreCase(file.sha256())
				&& Arrays.equals(this.chunkHashes, pack(file.chunkHashes()));
	}

	List<String> chunkHashesHex() {
		List<String> hashes = new ArrayList<>(this.chunkCount);
		for (int i = 0; i < this.chunkCount; i++) {
			hashes.add(HEX.formatHex(this.chunkHashes, i * DIGEST_LENGTH, (i + 1) * DIGEST_LENGTH));
		}
		return hashes;
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
