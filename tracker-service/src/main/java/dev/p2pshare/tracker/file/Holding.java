package dev.p2pshare.tracker.file;

import java.util.Base64;
import java.util.List;

import dev.p2pshare.dto.ChunkRange;
import dev.p2pshare.tracker.peer.Peer;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** Which chunks of one file one peer holds. */
@Entity
@Table(name = "holding")
class Holding {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "peer_id")
	private Peer peer;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "file_id")
	private TrackedFile file;

	@Column(nullable = false)
	private byte[] chunks;

	@Column(name = "held_count")
	private int heldCount;

	protected Holding() {
	}

	Holding(Peer peer, TrackedFile file) {
		this.peer = peer;
		this.file = file;
		this.chunks = ChunkSet.empty(file.getChunkCount());
	}

	void holdAll() {
		this.chunks = ChunkSet.full(this.file.getChunkCount());
		this.heldCount = this.file.getChunkCount();
	}

	/** Adds chunks, each index already checked to be in range. */
	void hold(List<Integer> indices) {
		byte[] updated = this.chunks.clone();
		this.heldCount += ChunkSet.addAll(updated, indices);
		// a new array, so that dirty checking sees the change
		this.chunks = updated;
	}

	boolean isComplete() {
		return this.heldCount == this.file.getChunkCount();
	}

	List<ChunkRange> ranges() {
		return ChunkSet.ranges(this.chunks, this.file.getChunkCount());
	}

	/** The chunks held, as the base64 of the stored bitfield. */
	String bitfield() {
		return Base64.getEncoder().encodeToString(this.chunks);
	}

	Peer getPeer() {
		return this.peer;
	}

	int getHeldCount() {
		return this.heldCount;
	}

}
