package io.oppsuite.holding.rule;

import io.oppsuite.common.contracts.FieldConditions;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import io.oppsuite.common.json.Json;
import io.oppsuite.common.problem.Problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Field conditions as stored (a JSON array, {@link Json}) and as checked on the way in. */
public final class ConditionJson {

    private static final String FIELD = "[A-Za-z][A-Za-z0-9_]{0,59}(\\.[A-Za-z][A-Za-z0-9_]{0,59}){0,3}";

    private ConditionJson() {
    }

    public static List<FieldCondition> read(String json) {
        return Json.read(json, Json.CONDITIONS);
    }

    public static String write(List<FieldCondition> conditions) {
        return Json.write(conditions == null ? List.of() : conditions);
    }

    /** Normalises operators to upper case; a malformed condition is a 422 of {@code problemType} listing every fault. */
    public static List<FieldCondition> validated(String what, List<FieldCondition> conditions, String problemType, String title) {
        if (conditions == null) {
            return List.of();
        }
        List<String> faults = new ArrayList<>();
        List<FieldCondition> normalised = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            FieldCondition c = conditions.get(i);
            String at = what + "[" + i + "]";
            if (c == null) {
                faults.add(at + " is null");
                continue;
            }
            String op = c.operator() == null ? "EQ" : c.operator().toUpperCase(Locale.ROOT);
            if (c.field() == null || !c.field().matches(FIELD)) {
                faults.add(at + ".field must be a field name or dotted path");
            }
            if (!FieldConditions.OPERATORS.contains(op)) {
                faults.add(at + ".operator must be one of " + FieldConditions.OPERATORS);
            } else if (op.equals("IN") && (c.value() == null || !c.value().isArray() || c.value().isEmpty())) {
                faults.add(at + ".value must be a non-empty array for IN");
            } else if (!op.equals("SET") && !op.equals("NOT_SET") && !op.equals("IN")
                    && (c.value() == null || c.value().isNull() || c.value().isContainerNode())) {
                faults.add(at + ".value must be a number, text or boolean for " + op);
            }
            normalised.add(new FieldCondition(c.field(), op, c.value()));
        }
        if (!faults.isEmpty()) {
            throw Problems.unprocessable(problemType, title, String.join("; ", faults), Map.of("faults", faults));
        }
        return normalised;
    }
}
