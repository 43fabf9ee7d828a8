package dev.p2pshare.agent.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.p2pshare.agent.config.PeerProperties;
import dev.p2pshare.agent.download.DownloadManager;
import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.agent.download.UnknownFileException;
import dev.p2pshare.agent.storage.ShareScanner;
import dev.p2pshare.agent.tracker.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * {@code peer.download=NAME[,NAME...]}: downloads the files without the menu, logging
 * progress or drawing a bar, then keeps seeding, or exits when
 * {@code peer.exit-after-download} says so (status 0 when every file is complete, 1 when
 * one failed or was given up on).
 */
@Component
class DownloadOnStart implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(DownloadOnStart.class);

	private final PeerProperties properties;

	private final DownloadManager downloads;

	private final ShareScanner scanner;

	private final ConfigurableApplicationContext context;

	DownloadOnStart(PeerProperties properties, DownloadManager downloads, ShareScanner scanner,
			ConfigurableApplicationContext context) {
		this.properties = properties;
		this.downloads = downloads;
		this.scanner = scanner;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		List<String> names = this.properties.download();
		if (names.isEmpty()) {
			return;
		}
		// know the files an earlier run fetched before asking for them again
		this.scanner.awaitFirstScan();
		boolean allStarted = true;
		for (String name : names) {
			allStarted &= startWhenListed(name).isPresent();
		}
		if (!this.properties.exitAfterDownload()) {
			return;
		}
		boolean allComplete = allStarted;
		for (String name : names) {
			Optional<DownloadStatus> started = this.downloads.status(name);
			if (started.isPresent()) {
				DownloadStatus last = awaitEnd(started.get());
				logger.info("{} {}", name, last.state());
				allComplete &= last.state() == DownloadState.COMPLETE;
			}
		}
		logger.info("Downloads finished; exiting as peer.exit-after-download asks");
		int code = allComplete ? 0 : 1;
		System.exit(SpringApplication.exit(this.context, () -> code));
	}

	private DownloadStatus awaitEnd(DownloadStatus status) throws InterruptedException {
		if (this.properties.progressBar()) {
			PrintWriter out = new PrintWriter(System.out, true);
			DownloadStatus last = ProgressPrinter.follow(this.downloads, status, out, System.console() != null);
			if (last.state() == DownloadState.COMPLETE) {
				out.printf("Verified and saved %s%n",
						this.properties.shareDir().toAbsolutePath().normalize().resolve(last.fileName()));
			}
			return last;
		}
		while (isRunning(status)) {
			TimeUnit.MILLISECONDS.sleep(500);
			status = this.downloads.status(status.fileName()).orElse(status);
		}
		return status;
	}

	static boolean isRunning(DownloadStatus status) {
		return status.state() == DownloadState.DOWNLOADING || status.state() == DownloadState.VERIFYING;
	}

	/**
	 * Starts the download once the tracker lists the file, which it may not yet when seed
	 * and leech start together: the wait is said once, then retried quietly, and given up
	 * after {@code peer.download-wait} when the agent is to exit. What cannot succeed
	 * later (metadata that fails its checks, a disk that refuses the file) is not
	 * retried.
	 * @return the download, or empty when it could not start
	 */
	private Optional<DownloadStatus> startWhenListed(String name) throws InterruptedException {
		Duration wait = this.properties.exitAfterDownload() ? this.properties.downloadWait() : null;
		long giveUpAt = (wait != null) ? System.nanoTime() + wait.toNanos() : Long.MAX_VALUE;
		PeerProperties.Tracker tracker = this.properties.tracker();
		Backoff backoff = new Backoff(tracker.retryMin(), tracker.retryMax());
		String said = null;
		while (true) {
			String why;
			String then;
			try {
				return Optional.of(this.downloads.start(name));
			}
			catch (UnknownFileException ex) {
				why = "the tracker knows no file named " + name;
				then = "waiting for a peer to share it";
			}
			catch (RestClientException ex) {
				why = "the tracker at " + this.properties.trackerUrl() + " did not answer";
				then = "asking again until it does (" + ex.getMessage() + ")";
			}
			catch (RuntimeException ex) {
				logger.error("Cannot download {}: {}", name, ex.getMessage());
				return Optional.empty();
			}
			long left = giveUpAt - System.nanoTime();
			if (left <= 0) {
				logger.error("Gave up on {} after {} s (peer.download-wait): {}", name, wait.toSeconds(), why);
				return Optional.empty();
			}
			if (!why.equals(said)) {
				logger.warn("{}{}: {}{}", Character.toUpperCase(why.charAt(0)), why.substring(1), then,
						(wait != null) ? ", for up to " + wait.toSeconds() + " s (peer.download-wait)" : "");
				said = why;
			}
			else {
				logger.debug("Still waiting to download {}: {} {}", name, why, then);
			}
			TimeUnit.NANOSECONDS.sleep(Math.min(backoff.next().toNanos(), left));
		}
	}

}
