package dev.p2pshare.agent.download;

/**
 * A peer to download from.
 *
 * @param peerId its id at the tracker
 * @param host where its chunk server listens
 * @param port its chunk server's TCP port
 */
public record Source(String peerId, String host, int port) {

	@Override
	public String toString() {
		return this.peerId + "@" + this.host + ":" + this.port;
	}

}
