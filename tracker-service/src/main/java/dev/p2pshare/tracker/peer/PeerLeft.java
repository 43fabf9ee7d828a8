package dev.p2pshare.tracker.peer;

/**
 * Published, inside the deleting transaction, when peers were deleted, so that files
 * nobody holds any more can go too.
 *
 * @param peerCount how many peers were deleted
 */
public record PeerLeft(int peerCount) {
}
