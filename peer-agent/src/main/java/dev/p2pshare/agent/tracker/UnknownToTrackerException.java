package dev.p2pshare.agent.tracker;

/** The tracker forgot this peer (it restarted empty or purged us): register again. */
public class UnknownToTrackerException extends RuntimeException {

	public UnknownToTrackerException(String peerId) {
		super("The tracker does not know peer " + peerId);
	}

}
