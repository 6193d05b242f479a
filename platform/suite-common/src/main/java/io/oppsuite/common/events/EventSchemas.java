package io.oppsuite.common.events;

import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.HoldingEvents;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.PipelineConfigEvents;
import io.oppsuite.common.contracts.PoolEvents;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The published version of every event type's data schema: the one place a version is bumped.
 * <p>
 * The schema of {@code <type>} at version {@code n} is the JSON Schema (2020-12) whose {@code $id}
 * is {@code https://schemas.oppsuite.io/events/<type>/v<n>.json}; it ships in suite-common under
 * {@code META-INF/resources/schemas/events/<type>/v<n>.json}, so every service serves it at
 * {@code /schemas/events/<type>/v<n>.json} next to {@code /asyncapi.yaml}. The relay sends the id as
 * the CloudEvent {@code dataschema}. A change a consumer could trip over (a field removed or renamed,
 * a type changed, a new required field) needs a new version; the contract test compares every
 * schema with the published baseline of its version.
 */
public final class EventSchemas {

    /** Base of every schema id; the path below it is the same as the served path below {@code /schemas/}. */
    public static final String ID_BASE = "https://schemas.oppsuite.io/";
    /** Where the schemas are on the classpath (and so, without the prefix, on each service's HTTP root). */
    public static final String RESOURCE_BASE = "META-INF/resources/schemas/";

    private static final Map<String, Integer> VERSIONS = new TreeMap<>(Map.ofEntries(
            Map.entry(OpportunityEvents.CREATED, 1),
            Map.entry(OpportunityEvents.UPDATED, 1),
            Map.entry(OpportunityEvents.STAGE_CHANGED, 1),
            Map.entry(OpportunityEvents.OWNER_CHANGED, 1),
            Map.entry(OpportunityEvents.OVERDUE, 1),
            Map.entry(OpportunityEvents.WON, 1),
            Map.entry(OpportunityEvents.CLOSED, 1),
            Map.entry(OpportunityEvents.DELETED, 1),
            Map.entry(OpportunityEvents.SALES_ORDER_REQUESTED, 1),
            Map.entry(OpportunityEvents.SALES_TEAM_CHANGED, 1),
            Map.entry(ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY, 1),
            Map.entry(PoolEvents.UPSERTED, 1),
            Map.entry(PoolEvents.DELETED, 1),
            Map.entry(PipelineConfigEvents.SALES_PROCESS_UPSERTED, 1),
            Map.entry(PipelineConfigEvents.SALES_PROCESS_DELETED, 1),
            Map.entry(PipelineConfigEvents.STAGE_UPSERTED, 1),
            Map.entry(PipelineConfigEvents.STAGE_DELETED, 1),
            Map.entry(ApprovalEvents.FLOW_UPSERTED, 1),
            Map.entry(ApprovalEvents.FLOW_DELETED, 1),
            Map.entry(ApprovalEvents.REQUESTED, 1),
            Map.entry(ApprovalEvents.APPROVED, 1),
            Map.entry(ApprovalEvents.REJECTED, 1),
            Map.entry(ApprovalEvents.WITHDRAWN, 1),
            Map.entry(HoldingEvents.LIMIT_EXCEEDED, 1),
            Map.entry(HoldingEvents.RULE_CHANGED, 1),
            Map.entry(HoldingEvents.EMPLOYEE_UPSERTED, 1),
            Map.entry(HoldingEvents.EMPLOYEE_DELETED, 1),
            Map.entry(HoldingEvents.DEPARTMENT_UPSERTED, 1)));

    private EventSchemas() {
    }

    /** Every event type the suite publishes and its current schema version. */
    public static Map<String, Integer> versions() {
        return java.util.Collections.unmodifiableMap(VERSIONS);
    }

    /** The schema id of a type's current version ({@code dataschema}); empty for a type without a contract. */
    public static Optional<URI> dataschema(String type) {
        Integer version = VERSIONS.get(type);
        return version == null ? Optional.empty() : Optional.of(URI.create(id(type, version)));
    }

    public static String id(String type, int version) {
        return ID_BASE + path(type, version);
    }

    /** The classpath resource of a type's schema at a version. */
    public static String resource(String type, int version) {
        return RESOURCE_BASE + path(type, version);
    }

    private static String path(String type, int version) {
        return "events/" + type + "/v" + version + ".json";
    }
}
