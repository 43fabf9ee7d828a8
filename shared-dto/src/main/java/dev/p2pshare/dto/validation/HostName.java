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

/** A DNS name, IPv4 or IPv6 address (without brackets) where a peer can be reached. */
@NotNull
@Pattern(regexp = "^[A-Za-z0-9:][A-Za-z0-9.:%-]{0,252}$",
		message = "must be a host name or IP address of at most 253 characters")
@Documented
@Constraint(validatedBy = {})
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
		ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface HostName {

	String message() default "invalid host";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
