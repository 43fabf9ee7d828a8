package dev.p2pshare.agent.download;

import java.time.Instant;
import java.util.Map;

/**
 * Where a download stands.
 *
 * @param fileName the file
 * @param state what it is doing
 * @param size the file length in bytes
 * @param chunkCount the number of chunks
 * @param chunksDone the chunks verified and written
 * @param chunksResumed of those, the chunks an earlier run had verified and this one
 * found intact on disk
 * @param bytesDone the bytes verified and written
 * @param percent {@code bytesDone} of {@code size}, 0 to 100
 * @param bytesPerSecond the average rate of this run since it started, in bytes per
 * second: bytes an earlier run left on the disk do not count
 * @param secondsLeft the seconds this run's average rate needs for the rest; {@code null}
 * before a byte arrived and once it ended
 * @param startedAt when this run of the download started; {@code null} for a file that
 * was already in the share directory
 * @param finishedAt when it completed, failed or stopped; {@code null} while it runs
 * @param sources the peers it may fetch from now (listed by the tracker, not banned)
 * @param bannedSources the peers banned for bad data or repeated failures
 * @param chunksInFlight the chunks being fetched now: the agent's
 * {@code peer.transfer.max-parallel-chunks} shared by its running downloads
 * @param chunksBySource how many chunks came from each peer, by peer id
 * @param message what went wrong, or what it waits for; empty when nothing
 */
public record DownloadStatus(String fileName, DownloadState state, long size, int chunkCount, int chunksDone,
		int chunksResumed, long bytesDone, int percent, long bytesPerSecond, Long secondsLeft, Instant startedAt,
		Instant finishedAt, int sources, int bannedSources, int chunksInFlight, Map<String, Integer> chunksBySource,
		String message) {

}
