package dev.p2pshare.tracker.file;

import dev.p2pshare.tracker.peer.PeerLeft;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When peers go, the files that nobody holds any more go too, in the same transaction.
 */
@Component
class UnheldFileCleanup {

	private final TrackedFileRepository files;

	UnheldFileCleanup(TrackedFileRepository files) {
		this.files = files;
	}

	@EventListener
	void onPeerLeft(PeerLeft event) {
		this.files.deleteUnheld();
	}

}
