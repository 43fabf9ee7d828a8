package dev.p2pshare.dto;

import java.util.List;

/**
 * The tracker's answer to REGISTER.
 *
 * @param peerId the registered peer
 * @param files the names of the files now recorded as held whole by this peer
 * @param heartbeatIntervalSeconds how often, in seconds, the peer should send a heartbeat
 * @param peerTtlSeconds after how many seconds without a sign of life the peer is
 * considered gone
 * @param peerSecret issued once, when this registration created the peer (null when the
 * peer proved its secret): every later write for this peer id must carry it in the
 * X-Peer-Secret header; the tracker keeps only its SHA-256
 */
public record RegistrationResult(String peerId, List<String> files, long heartbeatIntervalSeconds, long peerTtlSeconds,
		String peerSecret) {

	/** The header that proves a write comes from the peer it names. */
	public static final String SECRET_HEADER = "X-Peer-Secret";

}
