package dev.p2pshare.agent.download;

import java.util.Random;
import java.util.concurrent.ExecutorService;

import dev.p2pshare.agent.config.PeerProperties;
import dev.p2pshare.agent.protocol.FrameCodec;
import dev.p2pshare.agent.protocol.RateLimiter;
import dev.p2pshare.agent.storage.DigestMemory;
import dev.p2pshare.agent.storage.ShareScanner;
import dev.p2pshare.agent.storage.StateDirectory;
import dev.p2pshare.agent.tracker.TrackerClient;
import dev.p2pshare.agent.tracker.TrackerSync;
import io.micrometer.core.instrument.Counter;

/**
 * What every download shares with the others.
 *
 * @param properties the agent's settings
 * @param tracker the tracker's API
 * @param sync reports verified chunks and finished files
 * @param scanner learns of finished files without hashing them again
 * @param state the share directory
 * @param workers the threads that fetch chunks
 * @param buffers the memory for chunks in flight
 * @param digestMemory the memory for chunks kept for their whole file's SHA-256
 * @param downloadRate the agent's download limit
 * @param codec reads the peers' frames
 * @param random the scheduler's tie-breaker
 * @param bytesDown counts verified bytes
 * @param chunksVerified counts verified chunks
 * @param chunksRejected counts chunks that failed verification
 * @param chunksChained counts verified chunks checked in one pass against chain states
 */
record DownloadContext(PeerProperties properties, TrackerClient tracker, TrackerSync sync, ShareScanner scanner,
		StateDirectory state, ExecutorService workers, ChunkBuffers buffers, DigestMemory digestMemory,
		RateLimiter downloadRate, FrameCodec codec, Random random, Counter bytesDown, Counter chunksVerified,
		Counter chunksRejected, Counter chunksChained) {

}
