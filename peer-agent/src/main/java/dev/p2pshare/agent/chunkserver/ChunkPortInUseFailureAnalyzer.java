package dev.p2pshare.agent.chunkserver;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says in Spring Boot's start-up report, not in a stack trace, that the chunk server's
 * port is taken and what to do, as Spring Boot does for the HTTP port.
 */
class ChunkPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<ChunkPortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ChunkPortInUseException cause) {
		return new FailureAnalysis(
				"The chunk server could not listen on TCP port " + cause.port() + ": another process already uses it.",
				"Stop the process that listens on TCP port " + cause.port()
						+ ", or give this agent another port with --peer.tcp-port=N (0 picks a free one).",
				cause);
	}

}
