package dev.p2pshare.agent.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/**
 * {@code p2p-share tracker} in the list of commands: the launcher script hands it to the
 * tracker's jar, which has its own options; reached here only without the script.
 */
@Command(name = "tracker", description = "Run the tracker, the swarm's registry (p2p-share tracker --help).")
final class TrackerEntry implements Callable<Integer> {

	@Override
	public Integer call() {
		System.err.println("The tracker runs from its own jar: bin/p2p-share tracker, "
				+ "or java -jar tracker-service/target/tracker-service.jar.");
		return 2;
	}

}
