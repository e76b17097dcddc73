package dev.sessionbroker.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;

import dev.sessionbroker.adapter.Vendors;

/**
 * A path segment that can be a configured vendor name (the same rule as in configuration).
 * Anything else — dots, slashes, NUL, upper case, 10 000 characters — is a 400 before any
 * lookup, so odd input never reaches the broker.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = Vendors.NAME_RULE, message = "must be 1 to 63 lower-case letters, digits or '-'")
@Target({ ElementType.PARAMETER, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
public @interface VendorName {

    String message() default "must be 1 to 63 lower-case letters, digits or '-'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
