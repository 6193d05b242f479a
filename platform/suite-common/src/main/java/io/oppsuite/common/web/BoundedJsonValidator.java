package io.oppsuite.common.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.nio.charset.StandardCharsets;

/** Checks {@link BoundedJson}: depth first (cheap, and bounds the serialization), then size. */
public class BoundedJsonValidator implements ConstraintValidator<BoundedJson, JsonNode> {

    private int maxDepth;
    private int maxBytes;

    @Override
    public void initialize(BoundedJson annotation) {
        maxDepth = annotation.maxDepth();
        maxBytes = annotation.maxBytes();
    }

    @Override
    public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
        return value == null || within(value, maxDepth, maxBytes);
    }

    /** Whether {@code value} nests at most {@code maxDepth} levels and is at most {@code maxBytes} bytes of compact JSON. */
    public static boolean within(JsonNode value, int maxDepth, int maxBytes) {
        return depthWithin(value, maxDepth) && value.toString().getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }

    private static boolean depthWithin(JsonNode node, int remaining) {
        if (!node.isContainerNode()) {
            return true;
        }
        if (remaining == 0) {
            return false;
        }
        for (JsonNode child : node) {
            if (!depthWithin(child, remaining - 1)) {
                return false;
            }
        }
        return true;
    }
}
