package dev.p2pshare.agent.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/** This peer's stable id, generated once and kept in {@code .p2p/peer-id}. */
@Component
public class PeerIdentity {

	private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

	private final String peerId;

	public PeerIdentity(StateDirectory state) {
		Path file = state.root().resolve("peer-id");
		try {
			if (Files.isRegularFile(file)) {
				String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
				if (VALID.matcher(stored).matches()) {
					this.peerId = stored;
					return;
				}
			}
			this.peerId = "peer-" + UUID.randomUUID();
			Files.writeString(file, this.peerId + "\n", StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the peer id in " + file, ex);
		}
	}

	public String peerId() {
		return this.peerId;
	}

}
