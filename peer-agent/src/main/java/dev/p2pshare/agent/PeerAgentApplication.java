package dev.p2pshare.agent;

import dev.p2pshare.agent.cli.Launcher;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The peer agent: serves chunks to other peers and downloads files from them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PeerAgentApplication {

	public static void main(String[] args) {
		if (Launcher.isCommand(args)) {
			Launcher.main(args);
		}
		else {
			SpringApplication.run(PeerAgentApplication.class, args);
		}
	}

}
