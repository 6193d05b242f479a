package io.oppsuite.common.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A free-form JSON value (custom fields, an associated record's data, a condition's value) kept
 * within limits when it is written, so that no stored value can later break a read or a list
 * that returns it: at most {@link #maxDepth()} levels of nesting (a scalar is depth 0, an object
 * or array one more than its deepest member) and {@link #maxBytes()} bytes as compact UTF-8 JSON.
 */
@Documented
@Constraint(validatedBy = BoundedJsonValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface BoundedJson {

    int DEFAULT_MAX_DEPTH = 16;
    int DEFAULT_MAX_BYTES = 16 * 1024;

    String message() default "must be JSON of at most {maxDepth} levels and {maxBytes} bytes";

    int maxDepth() default DEFAULT_MAX_DEPTH;

    int maxBytes() default DEFAULT_MAX_BYTES;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
