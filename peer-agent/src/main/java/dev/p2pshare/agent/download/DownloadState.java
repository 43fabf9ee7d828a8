package dev.p2pshare.agent.download;

/** The life of a download. */
public enum DownloadState {

	/** Fetching chunks. */
	DOWNLOADING,
	/** Every chunk is in; checking the whole file's SHA-256. */
	VERIFYING,
	/** In the share directory and shared. */
	COMPLETE,
	/** Stopped with an error; the message says why. Starting it again resumes. */
	FAILED,
	/** Stopped because the agent is shutting down; it resumes at the next start. */
	STOPPED

}
