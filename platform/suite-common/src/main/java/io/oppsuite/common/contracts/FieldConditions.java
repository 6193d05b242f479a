package io.oppsuite.common.contracts;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The one evaluator of {@link SalesProcessSnapshot.FieldCondition}s, used for stage entry
 * conditions, approval flow conditions and holding definitions/rules alike. The subject is
 * a JSON object (an opportunity or an employee as JSON); a field path uses dots
 * ({@code customFields.decisionMaker}). Operators: SET, NOT_SET, EQ, NE, GT, GTE, LT, LTE, IN.
 * Numbers compare as numbers, dates (ISO strings) compare as strings, which orders them.
 */
public final class FieldConditions {

    public static final List<String> OPERATORS = List.of("SET", "NOT_SET", "EQ", "NE", "GT", "GTE", "LT", "LTE", "IN");

    private FieldConditions() {
    }

    public static boolean holds(SalesProcessSnapshot.FieldCondition condition, JsonNode subject) {
        JsonNode actual = resolve(subject, condition.field());
        boolean present = actual != null && !actual.isNull() && !(actual.isTextual() && actual.asText().isBlank());
        String operator = condition.operator() == null ? "EQ" : condition.operator().toUpperCase(Locale.ROOT);
        JsonNode expected = condition.value();
        return switch (operator) {
            case "SET" -> present;
            case "NOT_SET" -> !present;
            case "EQ" -> present && compare(actual, expected) == 0;
            case "NE" -> !present || compare(actual, expected) != 0;
            case "GT" -> present && compare(actual, expected) > 0;
            case "GTE" -> present && compare(actual, expected) >= 0;
            case "LT" -> present && compare(actual, expected) < 0;
            case "LTE" -> present && compare(actual, expected) <= 0;
            case "IN" -> present && expected != null && expected.isArray() && contains(expected, actual);
            default -> throw new IllegalArgumentException("unknown operator " + condition.operator());
        };
    }

    public static boolean allHold(List<SalesProcessSnapshot.FieldCondition> conditions, JsonNode subject) {
        return conditions == null || conditions.stream().allMatch(c -> holds(c, subject));
    }

    /** A short human sentence for a condition, for 422 problems and readiness lists. */
    public static String describe(SalesProcessSnapshot.FieldCondition c) {
        String op = c.operator() == null ? "EQ" : c.operator().toUpperCase(Locale.ROOT);
        return switch (op) {
            case "SET" -> c.field() + " is set";
            case "NOT_SET" -> c.field() + " is not set";
            default -> c.field() + " " + op + " " + c.value();
        };
    }

    static JsonNode resolve(JsonNode subject, String path) {
        JsonNode node = subject;
        for (String part : path.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    private static boolean contains(JsonNode array, JsonNode actual) {
        for (JsonNode candidate : array) {
            if (compare(actual, candidate) == 0) {
                return true;
            }
        }
        return false;
    }

    private static int compare(JsonNode actual, JsonNode expected) {
        if (expected == null || expected.isNull()) {
            return actual == null || actual.isNull() ? 0 : 1;
        }
        if (isNumeric(actual) && isNumeric(expected)) {
            return number(actual).compareTo(number(expected));
        }
        if (actual.isBoolean() || expected.isBoolean()) {
            return actual.asText().equalsIgnoreCase(expected.asText()) ? 0 : 1;
        }
        return actual.asText().compareTo(expected.asText());
    }

    private static boolean isNumeric(JsonNode node) {
        if (node.isNumber()) {
            return true;
        }
        if (node.isTextual()) {
            try {
                new BigDecimal(node.asText());
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static BigDecimal number(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText());
    }
}
