package dev.p2pshare.tracker.peer;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface PeerRepository extends JpaRepository<Peer, String> {

	/**
	 * Loads a peer and locks its row until the transaction ends: every write on behalf of
	 * one peer goes through this, so concurrent writes for one peer serialize while
	 * writes for different peers never wait on each other.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select p from Peer p where p.id = :id")
	Optional<Peer> findForUpdate(String id);

	@Modifying
	@Query("update Peer p set p.lastSeen = :now where p.id = :id and p.lastSeen < :now")
	int touch(String id, Instant now);

	long countByLastSeenGreaterThanEqual(Instant cutoff);

	/** Deletes peers silent since before the cutoff; their holdings go with them. */
	@Modifying
	@Query("delete from Peer p where p.lastSeen < :cutoff")
	int deleteSilentSince(Instant cutoff);

}
