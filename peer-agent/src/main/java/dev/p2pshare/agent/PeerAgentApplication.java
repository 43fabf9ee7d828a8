package dev.p2pshare.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The peer agent: serves chunks to other peers and downloads files from them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PeerAgentApplication {

	public static void main(String[] args) {
		SpringApplication.run(PeerAgentApplication.class, args);
	}

}
