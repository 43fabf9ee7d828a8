package dev.p2pshare.dto;

/**
 * The tracker's answer to a heartbeat.
 *
 * @param peerId the peer that is alive
 * @param heartbeatIntervalSeconds how often, in seconds, the peer should send a heartbeat
 * @param peerTtlSeconds after how many seconds without a sign of life the peer is
 * considered gone
 */
public record HeartbeatResult(String peerId, long heartbeatIntervalSeconds, long peerTtlSeconds) {
}
