package dev.p2pshare.tracker.file;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.p2pshare.tracker.peer.Peer;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface HoldingRepository extends JpaRepository<Holding, Long> {

	Optional<Holding> findByPeerAndFile(Peer peer, TrackedFile file);

	boolean existsByFile(TrackedFile file);

	/** The holdings of live peers that hold at least one chunk, with their peers. */
	@Query("""
			select h from Holding h join fetch h.peer p
			where h.file = :file and p.lastSeen >= :cutoff and h.heldCount > 0
			order by p.id""")
	List<Holding> findLive(TrackedFile file, Instant cutoff);

	/**
	 * The ids of the holdings {@link #findLive} finds, which random picks are drawn from.
	 */
	@Query("""
			select h.id from Holding h join h.peer p
			where h.file = :file and p.lastSeen >= :cutoff and h.heldCount > 0""")
	List<Long> findLiveIds(TrackedFile file, Instant cutoff);

	@Query("select coalesce(sum(h.heldCount), 0) from Holding h where h.peer.lastSeen >= :cutoff")
	long sumLiveChunks(Instant cutoff);

}
