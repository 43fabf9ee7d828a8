package dev.p2pshare.dto.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A shared file's chain states, when given, are one per chunk, start with SHA-256's
 * initial value, and come with a chunk size that is a multiple of SHA-256's 64-byte
 * block.
 */
@Documented
@Constraint(validatedBy = ConsistentChainStatesValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConsistentChainStates {

	String message() default "chainStates must hold one state per chunk, the first SHA-256's initial value, "
			+ "and chunkSize must be a multiple of 64";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
