package dev.p2pshare.agent.storage;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says in Spring Boot's start-up report why a seed refuses a share directory that does
 * not exist: a mistyped name would otherwise seed nothing without a word.
 */
class MissingShareDirectoryFailureAnalyzer extends AbstractFailureAnalyzer<MissingShareDirectoryException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingShareDirectoryException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
