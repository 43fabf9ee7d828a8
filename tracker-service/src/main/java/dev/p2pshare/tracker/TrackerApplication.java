package dev.p2pshare.tracker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The tracker: the swarm's registry of files, chunks and live peers. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TrackerApplication {

	public static void main(String[] args) {
		int code = TrackerCommand.run(args);
		if (code != 0) {
			System.exit(code);
		}
	}

}
