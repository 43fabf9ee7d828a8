package dev.p2pshare.agent.tracker;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;

/**
 * The host other peers are told to reach this one at when {@code peer.advertised-host}
 * does not say: the local address this machine reaches the tracker from, since peers that
 * share a tracker mostly share its network too; 127.0.0.1 for a tracker on this machine,
 * and the host name where no route is known.
 */
final class AdvertisedHost {

	private AdvertisedHost() {
	}

	static String guess(URI tracker) {
		try {
			InetAddress address = InetAddress.getByName(tracker.getHost());
			if (address.isLoopbackAddress()) {
				return "127.0.0.1";
			}
			int port = (tracker.getPort() > 0) ? tracker.getPort() : 80;
			try (DatagramSocket probe = new DatagramSocket()) {
				// connecting a UDP socket sends nothing: it picks the route, and with it
				// the local address
				probe.connect(address, port);
				InetAddress local = probe.getLocalAddress();
				if (local != null && !local.isAnyLocalAddress()) {
					return local.getHostAddress();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// no route known: fall back on the name
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "localhost";
		}
	}

}
