package dev.p2pshare.dto;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ProtocolValidationTests {

	private static final String HASH = "a".repeat(64);

	private static jakarta.validation.ValidatorFactory factory;

	private static Validator validator;

	@BeforeAll
	static void createValidator() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void closeValidator() {
		factory.close();
	}

	@Test
	void aWellFormedRegistrationHasNoViolation() {
		PeerRegistration registration = new PeerRegistration("peer-1", "seed.example", 6881,
				List.of(new SharedFile("movie.mkv", 2500, 1024, HASH, Collections.nCopies(3, HASH))));
		assertThat(validator.validate(registration)).isEmpty();
	}

	@Test
	void anEmptyFileIsNotShared() {
		assertThat(paths(validator.validate(new SharedFile("empty.txt", 0, 1024, HASH, List.of()))))
			.containsExactly("size");
	}

	@ParameterizedTest
	@ValueSource(strings = { "../etc/passwd", "a/b", "a\\b", "..", ".", "x..y", "bell\u0007", "nul\u0000",
			"line\nbreak", "" })
	void fileNamesThatCouldBecomePathsAreRefused(String name) {
		assertThat(paths(validator.validate(new SharedFile(name, 10, 1024, HASH, List.of(HASH))))).isNotEmpty()
			.containsOnly("name");
	}

	@Test
	void aFileNameOfMoreThan255CharactersIsRefused() {
		assertThat(paths(validator.validate(new SharedFile("n".repeat(256), 10, 1024, HASH, List.of(HASH)))))
			.containsExactly("name");
	}

	@Test
	void theNumberOfChunkHashesMustMatchTheSize() {
		Set<ConstraintViolation<SharedFile>> violations = validator
			.validate(new SharedFile("f", 2049, 1024, HASH, List.of(HASH, HASH)));
		assertThat(violations).singleElement()
			.extracting(ConstraintViolation::getMessage)
			.isEqualTo("chunkHashes must hold exactly ceil(size / chunkSize) hashes");
	}

	@Test
	void chunkHashesMustBeHex() {
		assertThat(paths(validator.validate(new SharedFile("f", 10, 1024, HASH, List.of("xyz")))))
			.containsExactly("chunkHashes[0].<list element>");
	}

	@Test
	void chainStatesOnePerChunkStartingAtSha256sInitialValueAreAccepted() {
		SharedFile file = new SharedFile("f", 2500, 1024, HASH, Collections.nCopies(3, HASH),
				List.of(SharedFile.SHA256_INITIAL_STATE, HASH, HASH));
		assertThat(validator.validate(file)).isEmpty();
	}

	@Test
	void chainStatesOfTheWrongCountOrStartAreRefused() {
		String message = "chainStates must hold one state per chunk, the first SHA-256's initial value, "
				+ "and chunkSize must be a multiple of 64";
		assertThat(validator.validate(new SharedFile("f", 2500, 1024, HASH, Collections.nCopies(3, HASH),
				List.of(SharedFile.SHA256_INITIAL_STATE, HASH))))
			.singleElement()
			.extracting(ConstraintViolation::getMessage)
			.isEqualTo(message);
		assertThat(validator.validate(
				new SharedFile("f", 2500, 1024, HASH, Collections.nCopies(3, HASH), Collections.nCopies(3, HASH))))
			.singleElement()
			.extracting(ConstraintViolation::getMessage)
			.isEqualTo(message);
	}

	@Test
	void chainStatesNeedAChunkSizeThatIsAMultipleOf64() {
		assertThat(validator.validate(new SharedFile("f", 2500, 1025, HASH, Collections.nCopies(3, HASH),
				List.of(SharedFile.SHA256_INITIAL_STATE, HASH, HASH))))
			.singleElement()
			.extracting(ConstraintViolation::getMessage)
			.asString()
			.endsWith("chunkSize must be a multiple of 64");
	}

	@Test
	void chainStatesMustBeHex() {
		assertThat(paths(validator.validate(new SharedFile("f", 2000, 1024, HASH, List.of(HASH, HASH),
				List.of(SharedFile.SHA256_INITIAL_STATE, "xyz")))))
			.containsExactly("chainStates[1].<list element>");
	}

	@Test
	void chunkSizesOutsideTheLimitsAreRefused() {
		assertThat(paths(validator.validate(new SharedFile("f", 10, 512, HASH, List.of(HASH)))))
			.containsExactly("chunkSize");
		assertThat(
				paths(validator.validate(new SharedFile("f", 10, SharedFile.MAX_CHUNK_SIZE + 1, HASH, List.of(HASH)))))
			.containsExactly("chunkSize");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-leading-dash", "has space", "slash/inside",
			"x12345678901234567890123456789012345678901234567890123456789012345" })
	void badPeerIdsAreRefused(String peerId) {
		assertThat(paths(validator.validate(new PeerRegistration(peerId, "h", 1, List.of()))))
			.containsExactly("peerId");
	}

	@Test
	void portAndHostAreChecked() {
		assertThat(paths(validator.validate(new PeerRegistration("p", "bad host", 0, List.of()))))
			.containsExactlyInAnyOrder("host", "port");
		assertThat(validator.validate(new PeerRegistration("p", "::1", 65535, List.of()))).isEmpty();
	}

	@Test
	void aChunkRegistrationNeedsNonNegativeIndices() {
		assertThat(paths(validator.validate(new ChunkRegistration("p", List.of(0, -1)))))
			.containsExactly("chunks[1].<list element>");
		assertThat(paths(validator.validate(new ChunkRegistration("p", List.of())))).containsExactly("chunks");
	}

	@Test
	void chunkCountRoundsUp() {
		assertThat(SharedFile.chunkCount(0, 1024)).isZero();
		assertThat(SharedFile.chunkCount(1024, 1024)).isOne();
		assertThat(SharedFile.chunkCount(1025, 1024)).isEqualTo(2);
	}

	private static List<String> paths(Set<? extends ConstraintViolation<?>> violations) {
		return violations.stream()
			.map((violation) -> violation.getPropertyPath().toString())
			.collect(Collectors.toList());
	}

}
