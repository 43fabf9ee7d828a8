package dev.p2pshare.agent.cli;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.p2pshare.agent.config.PeerProperties;
import dev.p2pshare.agent.download.DownloadManager;
import dev.p2pshare.agent.download.DownloadState;
import dev.p2pshare.agent.download.DownloadStatus;
import dev.p2pshare.agent.storage.ShareScanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code peer.download=NAME[,NAME...]}: downloads the files without the menu, logging
 * progress, then keeps seeding, or exits when {@code peer.exit-after-download} says so
 * (status 0 when every file is complete, 1 when one failed).
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
		for (String name : names) {
			startWhenListed(name);
		}
		if (!this.properties.exitAfterDownload()) {
			return;
		}
		boolean allComplete = true;
		for (String name : names) {
			DownloadStatus status = this.downloads.status(name).orElseThrow();
			while (status.state() == DownloadState.DOWNLOADING || status.state() == DownloadState.VERIFYING) {
				TimeUnit.MILLISECONDS.sleep(500);
				status = this.downloads.status(name).orElse(status);
			}
			logger.info("{} {}", name, status.state());
			allComplete &= status.state() == DownloadState.COMPLETE;
		}
		logger.info("Downloads finished; exiting as peer.exit-after-download asks");
		int code = allComplete ? 0 : 1;
		System.exit(SpringApplication.exit(this.context, () -> code));
	}

	/**
	 * The tracker may not list the file yet when seed and leech start together: wait for
	 * it.
	 */
	private DownloadStatus startWhenListed(String name) throws InterruptedException {
		long waitMillis = 500;
		while (true) {
			try {
				return this.downloads.start(name);
			}
			catch (RuntimeException ex) {
				logger.info("Cannot start downloading {} yet ({}); retrying in {} ms", name, ex.getMessage(),
						waitMillis);
				TimeUnit.MILLISECONDS.sleep(waitMillis);
				waitMillis = Math.min(waitMillis * 2, 10_000);
			}
		}
	}

}
