package dev.p2pshare.tracker.peer;

/**
 * A write named a registered peer without that peer's secret: whoever sent it has not
 * shown it is that peer.
 */
public class WrongPeerSecretException extends RuntimeException {

	private final String peerId;

	WrongPeerSecretException(String peerId, boolean presented) {
		super(presented ? "The X-Peer-Secret is not the one issued to peer '" + peerId + "'" : "Peer '" + peerId
				+ "' is registered: a write for it needs the X-Peer-Secret its registration returned");
		this.peerId = peerId;
	}

	public String getPeerId() {
		return this.peerId;
	}

}
