package dev.p2pshare.dto.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A shared file lists exactly one chunk hash per chunk: {@code ceil(size / chunkSize)}.
 */
@Documented
@Constraint(validatedBy = ConsistentChunksValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConsistentChunks {

	String message() default "chunkHashes must hold exactly ceil(size / chunkSize) hashes";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
