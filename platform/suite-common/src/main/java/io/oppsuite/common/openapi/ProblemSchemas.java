package io.oppsuite.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem documents as schemas: {@code Problem} (type, title, status, detail, instance) and one
 * schema per status that names the problem types answered with it and types their extension members, so
 * a generated client reads {@code unmetRules} or {@code currentVersion} as fields, not as a map.
 * Extension members a type does not use are absent; other members may appear (RFC 9457 allows them).
 */
final class ProblemSchemas {

    private static final String PREFIX = "#/components/schemas/";

    /** status -> (types answered with it, extension members) */
    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    private record Kind(String name, String types, Map<String, Schema> members) {
    }

    static {
        KINDS.put("400", new Kind("BadRequestProblem", "bad-request, bad-parameter, constraint-violation, malformed-json",
                Map.of("parameter", string("The query parameter or header that could not be read (bad-parameter)"),
                        "violations", array(object(Map.of("field", string("Where: a body member path, a query parameter"),
                                "in", string("body, query, path or header"), "message", string("What is wrong"))),
                                "Each invalid input (constraint-violation)"))));
        KINDS.put("401", new Kind("UnauthorizedProblem", "unauthorized", Map.of()));
        KINDS.put("403", new Kind("ForbiddenProblem", "forbidden", Map.of()));
        KINDS.put("404", new Kind("NotFoundProblem", "not-found", Map.of()));
        Map<String, Schema> conflict = new LinkedHashMap<>();
        conflict.put("matches", array(object(Map.of("id", string("The matching opportunity"), "name", string("Its name"),
                "ownerId", string("Its owner"), "ruleId", string("The rule that matched"), "ruleName", string("Its name"),
                "action", string("WARN or BLOCK"))), "The opportunities a BLOCK duplicate rule matched (duplicate-opportunity)"));
        conflict.put("ruleId", string("The rule that refused the write (duplicate-opportunity, holding-limit-exceeded)"));
        conflict.put("ruleName", string("Its name"));
        conflict.put("limit", integer("The holding limit (holding-limit-exceeded)"));
        conflict.put("current", integer("What the owner holds now, reservations included (holding-limit-exceeded)"));
        conflict.put("scope", string("EMPLOYEES, DEPARTMENT or USER_GROUP (holding-limit-exceeded)"));
        conflict.put("ownerId", string("The owner whose limit is full (holding-limit-exceeded)"));
        conflict.put("opportunityId", string("The opportunity concerned (lead-already-converted, approval-pending)"));
        conflict.put("opportunityStatus", string("Its lifecycle status"));
        conflict.put("pendingMoveTo", string("The stage a waiting approval would move the deal to (move-pending-approval)"));
        conflict.put("approvalStatus", string("The approval's status (approval-closed, already-decided)"));
        KINDS.put("409", new Kind("ConflictProblem", "duplicate-opportunity, holding-limit-exceeded, concurrent-modification, "
                + "already-claimed, already-decided, approval-closed, approval-pending, lead-already-converted, move-pending-approval, "
                + "stage-in-use, stage-in-process, stage-has-open-opportunities, stage-key-taken, sales-process-name-taken, "
                + "pool-name-taken, pool-not-empty, already-in-pool, not-in-pool, reservation-released, rebuild-running, duplicate",
                conflict));
        KINDS.put("412", new Kind("PreconditionFailedProblem", "stale-version, weak-validator",
                Map.of("currentVersion", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int64")
                        .description("The version now current (stale-version, when known)"))));
        KINDS.put("413", new Kind("PayloadTooLargeProblem", "payload-too-large", Map.of()));
        KINDS.put("415", new Kind("UnsupportedMediaTypeProblem", "unsupported-media-type", Map.of()));
        Map<String, Schema> unprocessable = new LinkedHashMap<>();
        unprocessable.put("unmetRules", array(object(Map.of("name", string("The rule, e.g. entry condition amount GT 0"),
                "holds", OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN).description("Always false here"),
                "detail", string("Why it does not hold"))),
                "Every rule the write or move does not meet (stage-transition-refused, stage-conditions-unmet, reopen-refused)"));
        unprocessable.put("stageKey", string("The stage whose rules were checked"));
        unprocessable.put("errors", array(string("One broken rule"), "Every broken rule of a definition (sales-process-invalid, invalid-approval-flow)"));
        unprocessable.put("faults", array(string("One fault"), "Every fault of a holding definition or rule"));
        unprocessable.put("salesProcessId", string("The unknown sales process (unknown-sales-process)"));
        unprocessable.put("poolId", string("The unknown pool (unknown-pool)"));
        unprocessable.put("unknownDepartments", array(string("A department id"), "Departments the directory does not list"));
        KINDS.put("422", new Kind("UnprocessableProblem", "stage-transition-refused, stage-conditions-unmet, reopen-refused, "
                + "opportunity-closed, amount-from-line-items, unknown-sales-process, unknown-pool, unknown-department, "
                + "sales-process-invalid, invalid-approval-flow, invalid-duplicate-rule, stage-key-immutable, reorder-keys-mismatch, "
                + "opportunity-not-returnable, holding-reservation-refused, idempotency-key-reused, constraint-violation", unprocessable));
        KINDS.put("428", new Kind("PreconditionRequiredProblem", "precondition-required", Map.of()));
        KINDS.put("500", new Kind("InternalErrorProblem", "internal-error",
                Map.of("errorId", string("Identifies this failure in the service's log (quote it when reporting the problem)"))));
        KINDS.put("503", new Kind("ServiceUnavailableProblem", "dependency-unavailable", Map.of()));
    }

    private ProblemSchemas() {
    }

    static String forStatus(String status) {
        Kind kind = KINDS.get(status);
        return PREFIX + (kind == null ? "Problem" : kind.name());
    }

    static void addTo(Components components) {
        Map<String, Schema> base = new LinkedHashMap<>();
        base.put("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                .description("Identifies the problem type, e.g. https://oppsuite.io/problems/stage-transition-refused; branch on it"));
        base.put("title", string("Short summary of the problem type"));
        base.put("status", integer("The HTTP status code"));
        base.put("detail", string("What happened in this occurrence"));
        base.put("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference")
                .description("This occurrence (the request path)"));
        components.addSchema("Problem", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document").properties(base).required(List.of("type", "title", "status"))
                .additionalPropertiesSchema(OASFactory.createSchema()));
        KINDS.forEach((status, kind) -> {
            Schema schema = OASFactory.createSchema().description("Problem types answered with " + status + ": " + kind.types())
                    .addAllOf(OASFactory.createSchema().ref(PREFIX + "Problem"));
            if (!kind.members().isEmpty()) {
                schema.addAllOf(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).properties(new LinkedHashMap<>(kind.members())));
            }
            components.addSchema(kind.name(), schema);
        });
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    private static Schema integer(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32").description(description);
    }

    private static Schema object(Map<String, Schema> properties) {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).properties(new LinkedHashMap<>(properties));
    }

    private static Schema array(Schema items, String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(items).description(description);
    }
}
