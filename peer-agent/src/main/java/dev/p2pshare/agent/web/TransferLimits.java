package dev.p2pshare.agent.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The agent's rate limits, for all its uploads and all its downloads together; 0 is no
 * limit.
 *
 * @param uploadBytesPerSecond bytes per second sent to other peers
 * @param downloadBytesPerSecond bytes per second received from other peers
 */
record TransferLimits(@NotNull @PositiveOrZero Long uploadBytesPerSecond,
		@NotNull @PositiveOrZero Long downloadBytesPerSecond) {

}
