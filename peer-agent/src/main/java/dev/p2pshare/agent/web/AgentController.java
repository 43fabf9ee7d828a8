package dev.p2pshare.agent.web;

import java.util.Comparator;
import java.util.List;

import dev.p2pshare.agent.download.DownloadManager;
import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.agent.storage.Library;
import dev.p2pshare.dto.validation.FileName;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What this peer shares, and its downloads. */
@RestController
@RequestMapping("/api/v1")
class AgentController {

	private final Library library;

	private final DownloadManager downloads;

	AgentController(Library library, DownloadManager downloads) {
		this.library = library;
		this.downloads = downloads;
	}

	/**
	 * The files this peer serves, whole or (while downloading) in part.
	 * @return the files, by name
	 */
	@GetMapping("/shares")
	List<ShareStatus> shares() {
		return this.library.all()
			.stream()
			.map((entry) -> new ShareStatus(entry.name(), entry.hash().hex(), entry.file().size(), entry.chunkCount(),
					entry.heldCount(), entry.isComplete()))
			.sorted(Comparator.comparing(ShareStatus::name))
			.toList();
	}

	/**
	 * Starts downloading a file the tracker lists; 202 while it runs, 200 when the file
	 * is already here. Asking again for a running download answers its progress.
	 * @param request the file
	 * @return the download's progress
	 */
	@PostMapping("/downloads")
	ResponseEntity<DownloadStatus> start(@RequestBody @Valid DownloadRequest request) {
		DownloadStatus status = this.downloads.start(request.fileName());
		HttpStatus code = (status.state() == DownloadState.COMPLETE) ? HttpStatus.OK : HttpStatus.ACCEPTED;
		return ResponseEntity.status(code).body(status);
	}

	/**
	 * Every download since the agent started, with its progress.
	 * @return the downloads, by file name
	 */
	@GetMapping("/downloads")
	List<DownloadStatus> downloads() {
		return this.downloads.list();
	}

	/**
	 * One download's progress; 404 when there is none of this file.
	 * @param fileName the file
	 * @return its progress
	 */
	@GetMapping("/downloads/{fileName}")
	DownloadStatus download(@PathVariable @FileName String fileName) {
		return this.downloads.status(fileName).orElseThrow(() -> new NoSuchDownloadException(fileName));
	}

}
