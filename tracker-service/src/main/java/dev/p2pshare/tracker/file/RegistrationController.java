package dev.p2pshare.tracker.file;

import dev.p2pshare.dto.PeerRegistration;
import dev.p2pshare.dto.RegistrationResult;
import dev.p2pshare.dto.validation.FileName;
import dev.p2pshare.dto.validation.PeerId;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** REGISTER, and a peer's withdrawal of one file. */
@RestController
class RegistrationController {

	private final FileRegistry registry;

	RegistrationController(FileRegistry registry) {
		this.registry = registry;
	}

	/**
	 * REGISTER: a peer announces itself and the files it holds whole. A file already
	 * known with the same content gains this peer as a holder of every chunk; the same
	 * name with different content is refused with 409 and nothing is recorded. Calling it
	 * again is harmless: it refreshes the peer's address and liveness. The first
	 * registration of a peer id returns the peer's secret; registering that id again
	 * needs it (403 otherwise), so nobody can move another peer's address.
	 * @param registration the peer and its files
	 * @param peerSecret the secret the first registration returned; none the first time
	 * @return the registered files, how often to send heartbeats, and a new peer's secret
	 */
	@PostMapping("/api/v1/register")
	RegistrationResult register(@RequestBody @Valid PeerRegistration registration,
			@RequestHeader(name = RegistrationResult.SECRET_HEADER, required = false) String peerSecret) {
		return this.registry.register(registration, peerSecret);
	}

	/**
	 * The peer no longer shares this file (deleted or changed on its disk). A file that
	 * no peer holds any more is forgotten.
	 * @param peerId the peer's identifier
	 * @param fileName the file name
	 * @param peerSecret the secret the peer's registration returned
	 * @return 204 No Content
	 */
	@DeleteMapping("/api/v1/peers/{peerId}/files/{fileName}")
	ResponseEntity<Void> withdraw(@PathVariable @PeerId String peerId, @PathVariable @FileName String fileName,
			@RequestHeader(name = RegistrationResult.SECRET_HEADER, required = false) String peerSecret) {
		this.registry.withdraw(peerId, fileName, peerSecret);
		return ResponseEntity.noContent().build();
	}

}
