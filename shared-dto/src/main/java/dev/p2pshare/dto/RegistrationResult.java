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
 */
public record RegistrationResult(String peerId, List<String> files, long heartbeatIntervalSeconds,
		long peerTtlSeconds) {
}
