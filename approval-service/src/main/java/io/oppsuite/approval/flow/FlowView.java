package io.oppsuite.approval.flow;

import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;

import java.time.Instant;
import java.util.List;

public record FlowView(String id, String name, ApprovalEvents.Trigger trigger, String salesProcessId, String stageKey,
                       List<SalesProcessSnapshot.FieldCondition> conditions, List<ApprovalEvents.Step> steps, boolean active,
                       Instant createdAt, Instant updatedAt, long version) {

    public static FlowView of(ApprovalFlow f, FlowJson json) {
        return new FlowView(f.id.toString(), f.name, f.trigger, f.salesProcessId, f.stageKey, json.conditions(f.conditions),
                json.steps(f.steps), f.active, f.createdAt, f.updatedAt, f.version);
    }

    public ApprovalEvents.FlowSnapshot snapshot() {
        return new ApprovalEvents.FlowSnapshot(id, name, trigger, salesProcessId, stageKey, conditions, steps, active, version);
    }
}
