package io.oppsuite.opportunity.approvalflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.FieldConditions;
import io.oppsuite.common.json.Json;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/** The tenant's approval flows as cached from approval-events, and which one applies to a creation or a stage completion. */
@ApplicationScoped
public class ApprovalFlows {

    @Inject
    ObjectMapper mapper;

    /** The first active creation flow for the process whose conditions all hold on the opportunity (as JSON). */
    public Uni<Optional<ApprovalEvents.FlowSnapshot>> creationFlow(String tenantId, String processId, JsonNode subject) {
        return ApprovalFlowCache.<ApprovalFlowCache>list("tenantId = ?1 and triggerType = ?2 and active = true "
                                + "and (salesProcessId is null or salesProcessId = ?3) order by flowId",
                        tenantId, ApprovalEvents.Trigger.OPPORTUNITY_CREATION.name(), processId)
                .map(flows -> flows.stream().map(f -> parse(f.snapshot))
                        .filter(flow -> conditionsHold(flow, subject)).findFirst());
    }

    /** The active STAGE_COMPLETION flow for leaving {@code stageKey} of the process, if one exists. */
    public Uni<Optional<ApprovalEvents.FlowSnapshot>> stageCompletionFlow(String tenantId, String processId, String stageKey) {
        return ApprovalFlowCache.<ApprovalFlowCache>list("tenantId = ?1 and triggerType = ?2 and active = true "
                                + "and salesProcessId = ?3 and stageKey = ?4 order by flowId",
                        tenantId, ApprovalEvents.Trigger.STAGE_COMPLETION.name(), processId, stageKey)
                .map(flows -> flows.stream().map(f -> parse(f.snapshot)).findFirst());
    }

    /** Keeps the newest version of a flow; replays and older copies change nothing. */
    public Uni<Void> upsert(String tenantId, ApprovalEvents.FlowSnapshot flow) {
        String json;
        try {
            json = mapper.writeValueAsString(flow);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into approval_flow_cache (tenant_id, flow_id, trigger_type, sales_process_id, stage_key, active, version, snapshot)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                        on conflict (tenant_id, flow_id) do update
                        set trigger_type = excluded.trigger_type, sales_process_id = excluded.sales_process_id,
                            stage_key = excluded.stage_key, active = excluded.active, version = excluded.version,
                            snapshot = excluded.snapshot
                        where approval_flow_cache.version <= excluded.version""")
                .setParameter(1, tenantId).setParameter(2, flow.id())
                .setParameter(3, flow.trigger() == null ? "" : flow.trigger().name())
                .setParameter(4, flow.salesProcessId()).setParameter(5, flow.stageKey())
                .setParameter(6, flow.active()).setParameter(7, flow.version()).setParameter(8, json)
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> delete(String tenantId, String flowId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from approval_flow_cache where tenant_id = ?1 and flow_id = ?2")
                .setParameter(1, tenantId).setParameter(2, flowId).executeUpdate()).replaceWithVoid();
    }

    static boolean conditionsHold(ApprovalEvents.FlowSnapshot flow, JsonNode subject) {
        List<io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition> conditions =
                flow.conditions() == null ? List.of() : flow.conditions();
        return conditions.stream().allMatch(c -> FieldConditions.holds(c, subject));
    }

    private ApprovalEvents.FlowSnapshot parse(String json) {
        return Json.read(mapper, json, ApprovalEvents.FlowSnapshot.class);
    }
}
