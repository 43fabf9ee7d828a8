package dev.p2pshare.agent.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.p2pshare.agent.storage.StateDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the REST API's address in {@code .p2p/api-url} while the agent runs, so that
 * {@code p2p-share status DIR} finds an agent that took a free port.
 */
@Component
public class ApiUrlFile {

	/** The file's name in the agent's state directory. */
	static final String NAME = "api-url";

	private static final Logger logger = LoggerFactory.getLogger(ApiUrlFile.class);

	private final Path file;

	ApiUrlFile(StateDirectory state) {
		this.file = state.root().resolve(NAME);
	}

	@EventListener
	void written(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null) {
			return;
		}
		String url = "http://localhost:" + event.getWebServer().getPort();
		logger.info("REST API on {} (p2p-share status {} asks it)", url, this.file.getParent().getParent());
		try {
			Path written = Files.writeString(this.file.resolveSibling(NAME + ".tmp"), url + "\n",
					StandardCharsets.UTF_8);
			Files.move(written, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			logger.warn("Could not write {}: {}", this.file, ex.getMessage());
		}
	}

	@EventListener
	void removed(ContextClosedEvent event) {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			logger.debug("Could not delete {}", this.file, ex);
		}
	}

	/** The address an agent running in this share directory wrote, if one does. */
	public static Path in(Path shareDir) {
		return StateDirectory.in(shareDir).resolve(NAME);
	}

}
