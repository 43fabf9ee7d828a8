package dev.p2pshare.agent.storage;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.p2pshare.agent.protocol.Sha256;

import org.springframework.stereotype.Component;

/** Every file this peer serves, by content hash. */
@Component
public class Library {

	private final ConcurrentHashMap<Sha256, SharedEntry> entries = new ConcurrentHashMap<>();

	public Optional<SharedEntry> find(Sha256 hash) {
		return Optional.ofNullable(this.entries.get(hash));
	}

	public Optional<SharedEntry> findByName(String name) {
		return this.entries.values().stream().filter((entry) -> entry.name().equals(name)).findFirst();
	}

	public void put(SharedEntry entry) {
		this.entries.put(entry.hash(), entry);
	}

	public void remove(Sha256 hash) {
		this.entries.remove(hash);
	}

	public Collection<SharedEntry> all() {
		return List.copyOf(this.entries.values());
	}

}
