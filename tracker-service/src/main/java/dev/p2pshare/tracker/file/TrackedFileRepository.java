package dev.p2pshare.tracker.file;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.p2pshare.dto.FileSummary;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface TrackedFileRepository extends JpaRepository<TrackedFile, Long> {

	Optional<TrackedFile> findByName(String name);

	/**
	 * FILE_LIST: every file with a live holder, and how many live peers hold it whole or
	 * in part.
	 */
	@Query("""
			select new dev.p2pshare.dto.FileSummary(f.name, f.size, f.chunkSize, f.chunkCount, f.sha256,
				sum(case when h.heldCount = f.chunkCount then 1L else 0L end),
				sum(case when h.heldCount < f.chunkCount then 1L else 0L end))
			from Holding h join h.file f join h.peer p
			where p.lastSeen >= :cutoff and h.heldCount > 0
			group by f.id, f.name, f.size, f.chunkSize, f.chunkCount, f.sha256
			order by f.name""")
	List<FileSummary> summarizeLive(Instant cutoff);

	@Query("""
			select count(distinct h.file) from Holding h
			where h.peer.lastSeen >= :cutoff and h.heldCount > 0""")
	long countLive(Instant cutoff);

	/** Deletes the files that no peer, live or not, holds any more. */
	@Modifying
	@Query("delete from TrackedFile f where not exists (select 1 from Holding h where h.file = f)")
	int deleteUnheld();

}
