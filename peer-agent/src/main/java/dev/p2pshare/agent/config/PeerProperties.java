package dev.p2pshare.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.p2pshare.dto.FileLocations;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The peer agent's settings, under {@code peer.*}.
 *
 * @param mode {@code seed} serves the share directory; {@code leech} serves it too and
 * offers the download menu
 * @param shareDir the directory whose files are shared and where downloads land; the
 * agent keeps its state in {@code .p2p/} inside it
 * @param tcpPort the chunk server's TCP port; 0 picks a free one
 * @param trackerUrl the tracker's base URL
 * @param advertisedHost the host other peers are told to connect to; empty means the
 * local address this machine reaches the tracker from (127.0.0.1 for a tracker on this
 * machine), said in the log
 * @param download files to download at start, without the menu (a comma-separated list)
 * @param exitAfterDownload stop the agent once every file of {@code download} is complete
 * instead of seeding on
 * @param downloadWait with {@code peer.exit-after-download}, how long to wait for a peer
 * to share a file of {@code peer.download} that the tracker does not know before giving
 * up (exit status 1); unset waits as long as it takes, as leeches started before their
 * seed do
 * @param progressBar draw a progress bar of {@code peer.download} on standard output
 * instead of logging the progress
 * @param menu show the interactive menu in leech mode when a terminal is attached
 * @param include glob patterns of the file names to share
 * @param exclude glob patterns of the file names never to share; wins over include
 * @param chunkSize the chunk size of the files this peer shares first
 * @param rescanInterval how often the share directory is scanned for added, changed and
 * deleted files
 * @param server the chunk server's limits
 * @param transfer the downloader's limits
 * @param tracker talking to the tracker
 */
@Validated
@ConfigurationProperties("peer")
public record PeerProperties(@NotNull @DefaultValue("leech") Mode mode, @NotNull @DefaultValue("shared") Path shareDir,
		@Min(0) @Max(65535) @DefaultValue("0") int tcpPort,
		@NotNull @DefaultValue("http://localhost:8080") URI trackerUrl, @DefaultValue("") String advertisedHost,
		@NotNull @DefaultValue("") List<String> download, @DefaultValue("false") boolean exitAfterDownload,
		Duration downloadWait, @DefaultValue("false") boolean progressBar, @DefaultValue("true") boolean menu,
		@NotNull @DefaultValue("*") List<String> include, @NotNull @DefaultValue( {
				".*", "*.part", "*.tmp" }) List<String> exclude,
		@NotNull @DefaultValue("1MB") DataSize chunkSize, @NotNull @DefaultValue("10s") Duration rescanInterval,
		@Valid @NotNull @DefaultValue Server server, @Valid @NotNull @DefaultValue Transfer transfer,
		@Valid @NotNull @DefaultValue Tracker tracker){

	/**
	 * The names of {@code download}, stripped, without empty ones: an unset
	 * {@code peer.download} binds as one empty name.
	 */
	public PeerProperties {
		download = (download == null) ? List.of()
				: download.stream().map(String::strip).filter((name) -> !name.isEmpty()).toList();
	}

	/** What the agent is for. */
	public enum Mode {

		/** Share the directory. */
		SEED,
		/** Share the directory and download: menu, REST API, {@code peer.download}. */
		LEECH

	}

	/**
	 * The chunk server's limits.
	 *
	 * @param maxConcurrentUploads connections served at once; more get a BUSY answer
	 * @param idleTimeout how long a connection may wait between requests
	 * @param readTimeout how long a started request frame may take to arrive whole
	 * @param writeTimeout how long sending may make no progress before the connection is
	 * dropped (a peer that stops reading)
	 * @param maxFrame the longest request frame accepted
	 * @param uploadRate upload bytes per second for the whole agent; 0 is unlimited
	 * @param spreadFirstCopies super-seeding: when a downloader that knows no other
	 * holder of a chunk asks this peer for it, and this peer seeds the file and has
	 * already sent that chunk to someone, send a chunk it has sent no one yet instead, so
	 * that the seed's upload goes to chunks the swarm lacks rather than to repeats
	 */
	public record Server(@Min(1) @DefaultValue("32") int maxConcurrentUploads,
			@NotNull @DefaultValue("60s") Duration idleTimeout, @NotNull @DefaultValue("10s") Duration readTimeout,
			@NotNull @DefaultValue("30s") Duration writeTimeout, @NotNull @DefaultValue("1KB") DataSize maxFrame,
			@NotNull @DefaultValue("0B") DataSize uploadRate, @DefaultValue("true") boolean spreadFirstCopies) {
	}

	/**
	 * The downloader's limits.
	 *
	 * @param connectTimeout how long connecting to a peer may take
	 * @param readTimeout how long a peer may stay silent while it owes bytes
	 * @param maxParallelChunks chunks in flight per download, over all peers
	 * @param perPeerInFlight connections to one peer that chunks arrive on at once. Two
	 * keep a peer's upload busy wherever a chunk takes longer to send than a round trip;
	 * each more waits behind the requests other leeches queued there, since a peer sends
	 * one chunk after another
	 * @param askAhead how long before a chunk's last byte arrives, at the rate it comes,
	 * the next chunk is asked for on the same connection, so that the peer sends it
	 * straight after without waiting a round trip for the request; 0 asks once the chunk
	 * is in. A chunk asked ahead counts in flight, but not against
	 * {@code perPeerInFlight}, which counts connections
	 * @param bufferMemory the memory for chunks in flight, which are verified before they
	 * touch the disk; it caps the chunks in flight for large chunk sizes. It lives
	 * outside the heap, as direct buffers (within {@code -XX:MaxDirectMemorySize}, by
	 * default the maximum heap size: the agent refuses to start when it does not fit)
	 * @param digestMemory the memory, over all downloads, for copies of verified chunks
	 * that arrived ahead of their whole file's SHA-256, which follows each download from
	 * its first chunk: it hashes them from there instead of reading them back from the
	 * disk
	 * @param banDuration how long a peer that sent bad data or kept failing is not asked
	 * @param failuresBeforeBan consecutive failures (timeouts, errors) that ban a peer;
	 * one bad chunk bans at once
	 * @param locationsRefresh how often the tracker is asked again for sources
	 * @param starvedRefresh how soon after the sources were last heard of (in
	 * FILE_LOCATIONS, or in the answer to a chunk report) the tracker is asked again
	 * while they hold nothing more to fetch (other leeches report new chunks all the
	 * time), but not while a chunk report's answer is due (twice {@code chunkReportDelay}
	 * after the last); doubled after every FILE_LOCATIONS that offers no chunk still
	 * missing that was not known before, up to {@code locationsRefresh}
	 * @param chunkReportDelay how long verified chunks wait to be reported to the tracker
	 * in one batch; the answer to a downloading file's report lists its holders
	 * @param downloadRate download bytes per second for the whole agent; 0 is unlimited
	 * @param directWrites write verified chunks with {@code O_DIRECT}, past the page
	 * cache, where the file system allows it and the chunk size is a multiple of its
	 * block size (otherwise, and after a direct write fails, through the page cache)
	 * @param preallocate reserve a download's whole size on the disk when it starts
	 * ({@code fallocate} on Linux), so that a full disk fails it at once and, on ext4,
	 * direct writes run in parallel; where the system cannot, the file stays sparse
	 * @param peersWanted the most holders one FILE_LOCATIONS names ({@code maxPeers}, 1
	 * to 10,000, as a BitTorrent announce's {@code numwant}): a random that many of a
	 * larger swarm, which the download adds to those it knows, so that the answer it asks
	 * for every {@code locationsRefresh} does not grow with the swarm. When the answer
	 * names every holder, a peer it leaves out is dropped; from a sample, a peer that
	 * left is found by failing to connect, and banned and forgotten until an answer names
	 * it again
	 */
	public record Transfer(@NotNull @DefaultValue("5s") Duration connectTimeout,
			@NotNull @DefaultValue("20s") Duration readTimeout, @Min(1) @DefaultValue("16") int maxParallelChunks,
			@Min(1) @DefaultValue("2") int perPeerInFlight, @NotNull @DefaultValue("0ms") Duration askAhead,
			@NotNull @DefaultValue("64MB") DataSize bufferMemory, @NotNull @DefaultValue("64MB") DataSize digestMemory,
			@NotNull @DefaultValue("60s") Duration banDuration, @Min(1) @DefaultValue("3") int failuresBeforeBan,
			@NotNull @DefaultValue("3s") Duration locationsRefresh,
			@NotNull @DefaultValue("125ms") Duration starvedRefresh,
			@NotNull @DefaultValue("100ms") Duration chunkReportDelay,
			@NotNull @DefaultValue("0B") DataSize downloadRate, @DefaultValue("true") boolean directWrites,
			@DefaultValue("true") boolean preallocate,
			@Min(1) @Max(FileLocations.MAX_PEERS) @DefaultValue("50") int peersWanted) {
	}

	/**
	 * Talking to the tracker.
	 *
	 * @param connectTimeout how long connecting may take
	 * @param readTimeout how long the tracker may stay silent while it owes an answer
	 * @param retryMin the first wait after a failed call
	 * @param retryMax the longest wait between retries (the wait doubles up to it)
	 * @param writeToken the tracker's write token, when it has one
	 * @param registerBatch the most JSON one REGISTER carries, by estimate: more files go
	 * in further requests, so that a peer sharing many stays under the tracker's
	 * {@code tracker.max-request-size} (8 MB by default)
	 */
	public record Tracker(@NotNull @DefaultValue("3s") Duration connectTimeout,
			@NotNull @DefaultValue("10s") Duration readTimeout, @NotNull @DefaultValue("500ms") Duration retryMin,
			@NotNull @DefaultValue("15s") Duration retryMax, @DefaultValue("") String writeToken,
			@NotNull @DefaultValue("1MB") DataSize registerBatch) {
	}

}
