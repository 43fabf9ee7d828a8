package dev.p2pshare.dto.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A plain file name as it is shared in the swarm: 1 to 255 characters, no path separator,
 * no {@code ..}, no control character. Names never become paths unchecked.
 */
@NotNull
@Size(min = 1, max = 255)
@Pattern(regexp = FileName.PATTERN,
		message = "must be a plain file name: no '/' or '\\', no '..', no control characters")
@Documented
@Constraint(validatedBy = {})
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
		ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface FileName {

	/** The accepted names; {@code \p{Cc}} covers every Unicode control character. */
	String PATTERN = "^(?!\\.$)(?!.*\\.\\.)[^/\\\\\\p{Cc}]+$";

	String message() default "invalid file name";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
