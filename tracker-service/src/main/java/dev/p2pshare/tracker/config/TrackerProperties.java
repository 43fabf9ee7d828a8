package dev.p2pshare.tracker.config;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The tracker's settings, under {@code tracker.*}.
 *
 * @param peerTtl how long a peer counts as live after its last heartbeat, registration or
 * chunk registration
 * @param heartbeatInterval how often peers are told to send a heartbeat; shorter than
 * {@code peerTtl}, so one lost heartbeat does not make a peer vanish
 * @param purgeAfter how long after its last sign of life a peer and its holdings are
 * deleted for good; at least {@code peerTtl}
 * @param purgeInterval how often the purge runs
 * @param writeToken when set, every mutating call needs {@code Authorization: Bearer
 * <token>}; reads stay open
 * @param maxRequestSize the largest request body accepted
 * @param maxReportHolders the most holders a chunk report's answer lists when it asks for
 * them ({@code peers=true}), picked at random when more peers hold the file, as a
 * BitTorrent tracker caps an announce's peer list: every downloading agent asks with each
 * report, several times a second, so the answer must not grow with the swarm
 * @param holderListMaxAge how old the list of a file's live holders that such random
 * picks are drawn from may get (chunk reports' answers, FILE_LOCATIONS with
 * {@code maxPeers}): a peer that starts holding a file of a swarm larger than the pick is
 * offered in picks after at most this long; one that is no longer live never is. Zero
 * reads the list for every request, whose cost then grows with the swarm
 */
@Validated
@ConfigurationProperties("tracker")
public record TrackerProperties(@NotNull @DefaultValue("90s") Duration peerTtl,
		@NotNull @DefaultValue("30s") Duration heartbeatInterval, @NotNull @DefaultValue("10m") Duration purgeAfter,
		@NotNull @DefaultValue("30s") Duration purgeInterval, String writeToken,
		@NotNull @DefaultValue("8MB") DataSize maxRequestSize, @Min(1) @DefaultValue("50") int maxReportHolders,
		@NotNull @DefaultValue("1s") Duration holderListMaxAge) {

	/** Whether mutating calls need the bearer token. */
	public boolean writeProtected() {
		return StringUtils.hasText(this.writeToken);
	}

	@AssertTrue(message = "tracker.heartbeat-interval must be shorter than tracker.peer-ttl, "
			+ "tracker.purge-after at least tracker.peer-ttl, and every duration positive")
	boolean isConsistent() {
		if (this.peerTtl == null || this.heartbeatInterval == null || this.purgeAfter == null
				|| this.purgeInterval == null) {
			return true;
		}
		return positive(this.heartbeatInterval) && positive(this.purgeInterval)
				&& this.heartbeatInterval.compareTo(this.peerTtl) < 0 && this.purgeAfter.compareTo(this.peerTtl) >= 0;
	}

	@AssertTrue(message = "tracker.holder-list-max-age must not be negative")
	boolean isHolderListMaxAgeValid() {
		return this.holderListMaxAge == null || !this.holderListMaxAge.isNegative();
	}

	private static boolean positive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

}
