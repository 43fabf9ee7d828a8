package dev.p2pshare.bench;

import java.io.IOException;

/**
 * How a swarm's uploads are capped: by each agent's own rate limiter, through its API
 * ({@link #APPLICATION}), or by the network the agents run on.
 */
interface UploadCaps {

	/**
	 * The agents' rate limiters, set through the API a user would change them with.
	 */
	UploadCaps APPLICATION = new UploadCaps() {

		@Override
		public String benchmark() {
			return "swarm-capped";
		}

		@Override
		public String agentUploadRate(SwarmBench.Case scenario) {
			return scenario.capMibPerSecond() + "MB";
		}

		@Override
		public void apply(Swarm swarm, SwarmBench.Case scenario) throws IOException, InterruptedException {
			swarm.capUploads((long) scenario.capMibPerSecond() * TestFiles.MIB);
		}

	};

	/** The name its capped swarms report under. */
	String benchmark();

	/** {@code peer.server.upload-rate} for the agents at their start. */
	String agentUploadRate(SwarmBench.Case scenario);

	/** Caps the swarm's uploads as this case says, before it is measured. */
	void apply(Swarm swarm, SwarmBench.Case scenario) throws IOException, InterruptedException;

}
