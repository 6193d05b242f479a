package io.oppsuite.approval.flow;

import io.oppsuite.approval.process.SalesProcessReferences;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.events.DomainEvent;
import io.oppsuite.common.events.Outbox;
import io.oppsuite.common.events.Topics;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.oppsuite.common.idempotency.IdempotentRequests;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Flow writes. Each runs in the caller's transaction and publishes the flow's new state
 * through the outbox, so opportunity-service's cache never diverges from what is stored.
 */
@ApplicationScoped
public class ApprovalFlowService {

    @Inject
    Outbox outbox;

    @Inject
    IdempotentRequests idempotency;

    @Inject
    FlowJson json;

    @Inject
    SalesProcessReferences processes;

    /** In a transaction of its own; an Idempotency-Key replays the first answer, so the caller says how a created flow is answered. */
    @WithTransaction
    public Uni<Response> create(Caller caller, FlowRequest request, String idempotencyKey, Function<FlowView, Response> answer) {
        return idempotency.once(caller, idempotencyKey, request, () -> create(caller, request).map(answer));
    }

    private Uni<FlowView> create(Caller caller, FlowRequest request) {
        requireValid(request);
        return references(request).chain(() -> created(caller, request));
    }

    private Uni<FlowView> created(Caller caller, FlowRequest request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ApprovalFlow flow = new ApprovalFlow();
        flow.id = UUID.randomUUID();
        flow.tenantId = caller.tenantId();
        flow.createdAt = now;
        apply(flow, request, now);
        return flow.persistAndFlush().chain(() -> published(flow));
    }

    /** In a transaction of its own; If-Match guards it. */
    @WithTransaction
    public Uni<FlowView> replace(Caller caller, UUID id, Long expectedVersion, FlowRequest request) {
        requireValid(request);
        return require(caller, id).call(() -> references(request)).chain(flow -> {
            Preconditions.requireVersion(id, expectedVersion, flow.version);
            apply(flow, request, Instant.now().truncatedTo(ChronoUnit.MICROS));
            // flush now so the event carries the version the change produced
            return Panache.flush().chain(() -> published(flow));
        });
    }

    /** In a transaction of its own; If-Match guards it. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id, Long expectedVersion) {
        return require(caller, id).chain(flow -> {
            Preconditions.requireVersion(id, expectedVersion, flow.version);
            return flow.delete()
                    .chain(() -> Panache.flush())
                    .chain(() -> outbox.append(new DomainEvent(Topics.APPROVAL_EVENTS, ApprovalEvents.FLOW_DELETED,
                            flow.tenantId, flow.id.toString(), Map.of("id", flow.id.toString()))))
                    .replaceWithVoid();
        });
    }

    @WithSession
    public Uni<FlowView> get(Caller caller, UUID id) {
        return require(caller, id).map(flow -> FlowView.of(flow, json));
    }

    public Uni<ApprovalFlow> require(Caller caller, UUID id) {
        return ApprovalFlow.findInTenant(caller.tenantId(), id).map(flow -> {
            if (flow == null) {
                throw Problems.notFound("Approval flow", id);
            }
            return flow;
        });
    }

    @WithSession
    public Uni<List<FlowView>> list(Caller caller) {
        return ApprovalFlow.listInTenant(caller.tenantId()).map(flows -> flows.stream().map(f -> FlowView.of(f, json)).toList());
    }

    private Uni<FlowView> published(ApprovalFlow flow) {
        FlowView view = FlowView.of(flow, json);
        return outbox.append(new DomainEvent(Topics.APPROVAL_EVENTS, ApprovalEvents.FLOW_UPSERTED, flow.tenantId,
                flow.id.toString(), view.snapshot())).replaceWith(view);
    }

    private void apply(ApprovalFlow flow, FlowRequest request, Instant now) {
        flow.name = request.name().trim();
        flow.trigger = request.trigger();
        flow.salesProcessId = blankToNull(request.salesProcessId());
        flow.stageKey = request.trigger() == ApprovalEvents.Trigger.STAGE_COMPLETION ? blankToNull(request.stageKey()) : null;
        flow.conditions = json.write(request.conditions() == null ? List.of() : request.conditions());
        flow.steps = json.write(FlowRules.normalized(request.steps()));
        flow.active = request.active() == null || request.active();
        flow.updatedAt = now;
    }

    /** The process and stage the flow names exist in the caller's tenant (pipeline-config-service says). */
    private Uni<Void> references(FlowRequest request) {
        String stageKey = request.trigger() == ApprovalEvents.Trigger.STAGE_COMPLETION ? blankToNull(request.stageKey()) : null;
        return processes.require(blankToNull(request.salesProcessId()), stageKey);
    }

    private static void requireValid(FlowRequest request) {
        List<String> violations = FlowRules.violations(request);
        if (!violations.isEmpty()) {
            throw Problems.unprocessable("invalid-approval-flow", "Approval flow is not valid",
                    String.join("; ", violations), Map.of("errors", violations));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
