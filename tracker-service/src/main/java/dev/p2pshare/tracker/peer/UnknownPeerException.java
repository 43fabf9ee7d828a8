package dev.p2pshare.tracker.peer;

/**
 * The tracker has no peer of this id: never registered, left, or purged after its TTL.
 */
public class UnknownPeerException extends RuntimeException {

	private final String peerId;

	public UnknownPeerException(String peerId) {
		super("No registered peer '" + peerId + "': register first (it may have been purged after missing heartbeats)");
		this.peerId = peerId;
	}

	public String getPeerId() {
		return this.peerId;
	}

}
