package dev.p2pshare.agent.web;

import dev.p2pshare.agent.chunkserver.ChunkServer;
import dev.p2pshare.agent.download.DownloadManager;
import dev.p2pshare.agent.protocol.RateLimiter;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent's upload and download rate limits, changed while it runs: the properties
 * {@code peer.server.upload-rate} and {@code peer.transfer.download-rate} set them at
 * start.
 */
@RestController
@RequestMapping("/api/v1/limits")
class LimitsController {

	private final RateLimiter upload;

	private final RateLimiter download;

	LimitsController(ChunkServer server, DownloadManager downloads) {
		this.upload = server.uploadRate();
		this.download = downloads.downloadRate();
	}

	/**
	 * The limits in force.
	 * @return both rates, 0 where there is no limit
	 */
	@GetMapping
	TransferLimits limits() {
		return new TransferLimits(this.upload.rate(), this.download.rate());
	}

	/**
	 * Sets both limits at once, for the transfers running now too; they last until the
	 * agent stops.
	 * @param limits both rates, 0 for no limit
	 * @return the limits in force
	 */
	@PutMapping
	TransferLimits change(@RequestBody @Valid TransferLimits limits) {
		this.upload.setRate(limits.uploadBytesPerSecond());
		this.download.setRate(limits.downloadBytesPerSecond());
		return limits();
	}

}
