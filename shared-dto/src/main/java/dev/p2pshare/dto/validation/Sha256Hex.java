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

/** A SHA-256 digest written as 64 hexadecimal digits. */
@NotNull
@Pattern(regexp = "^[0-9a-fA-F]{64}$", message = "must be a SHA-256 digest in 64 hex digits")
@Documented
@Constraint(validatedBy = {})
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
		ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Sha256Hex {

	String message() default "invalid SHA-256 digest";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
