package dev.p2pshare.dto.validation;

import dev.p2pshare.dto.SharedFile;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link ConsistentChunks}; the field constraints report missing or bad parts. */
public class ConsistentChunksValidator implements ConstraintValidator<ConsistentChunks, SharedFile> {

	@Override
	public boolean isValid(SharedFile file, ConstraintValidatorContext context) {
		if (file == null || file.chunkHashes() == null || file.chunkSize() <= 0 || file.size() < 0) {
			return true;
		}
		return file.chunkHashes().size() == SharedFile.chunkCount(file.size(), file.chunkSize());
	}

}
