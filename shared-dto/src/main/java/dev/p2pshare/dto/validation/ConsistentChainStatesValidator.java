package dev.p2pshare.dto.validation;

import dev.p2pshare.dto.SharedFile;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link ConsistentChainStates}; the field constraints report bad states. */
public class ConsistentChainStatesValidator implements ConstraintValidator<ConsistentChainStates, SharedFile> {

	@Override
	public boolean isValid(SharedFile file, ConstraintValidatorContext context) {
		if (file == null || file.chainStates() == null || file.chunkSize() <= 0 || file.size() < 0) {
			return true;
		}
		return file.chunkSize() % SharedFile.SHA256_BLOCK == 0
				&& file.chainStates().size() == SharedFile.chunkCount(file.size(), file.chunkSize())
				&& (file.chainStates().isEmpty()
						|| SharedFile.SHA256_INITIAL_STATE.equalsIgnoreCase(file.chainStates().get(0)));
	}

}
