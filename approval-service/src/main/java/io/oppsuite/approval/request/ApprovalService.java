package io.oppsuite.approval.request;

import io.oppsuite.approval.directory.DirectoryEmployee;
import io.oppsuite.approval.flow.ApprovalFlow;
import io.oppsuite.approval.flow.FlowJson;
import io.oppsuite.approval.flow.FlowSelection;
import io.oppsuite.approval.flow.FlowView;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.ApprovalEvents.Step;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.events.DomainEvent;
import io.oppsuite.common.events.Outbox;
import io.oppsuite.common.events.Topics;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.oppsuite.common.idempotency.IdempotentRequests;
import io.oppsuite.common.web.Page;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The approval side of the saga. Each method runs in the caller's transaction (REST or the
 * inbox's) and records the outcome event in the outbox with the change.
 * <p>
 * Access, consistently: who may not see an approval gets 404 (another tenant, or not the
 * requester, the owner, the owner's admin/manager, nor an approver of any of its steps);
 * who may see it but not decide the current step gets 403; a closed (approved, rejected,
 * withdrawn) approval or a second decision by the same approver on the same step is 409.
 */
@ApplicationScoped
public class ApprovalService {

    static final String SYSTEM = "system";

    @Inject
    Outbox outbox;

    @Inject
    IdempotentRequests idempotency;

    @Inject
    FlowJson json;

    /** Creates the instance for an approval request; a redelivered request (same requestId) creates nothing. */
    public Uni<Void> open(String tenantId, ApprovalEvents.ApprovalRequest request) {
        return Approval.findByRequest(tenantId, request.requestId()).chain(existing -> existing != null
                ? Uni.createFrom().voidItem()
                : governingFlow(tenantId, request).chain(flow -> create(tenantId, request, flow)));
    }

    /** The flow the request names; when it names none, the one that applies (or the default, owner's manager). */
    private Uni<Governing> governingFlow(String tenantId, ApprovalEvents.ApprovalRequest request) {
        if (request.flowId() != null && !request.flowId().isBlank()) {
            return findFlow(tenantId, request.flowId())
                    .map(flow -> flow == null ? null : new Governing(flow.id.toString(), flow.name, flow.steps));
        }
        return ApprovalFlow.activeInTenant(tenantId, request.trigger()).map(flows -> FlowSelection.select(
                        flows.stream().map(f -> FlowView.of(f, json).snapshot()).toList(), request.trigger(),
                        json.mapper().valueToTree(request.opportunity()), request.fromStage())
                .map(f -> new Governing(f.id(), f.name(), json.write(f.steps())))
                .orElseGet(() -> new Governing(null, FlowSelection.DEFAULT_NAME, json.write(FlowSelection.DEFAULT_STEPS))));
    }

    /** The flow an approval runs: its id (null for the default), name and steps as JSON. */
    private record Governing(String flowId, String name, String steps) {
    }

    private Uni<Void> create(String tenantId, ApprovalEvents.ApprovalRequest request, Governing flow) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Approval a = new Approval();
        a.id = UUID.randomUUID();
        a.tenantId = tenantId;
        a.requestId = request.requestId();
        a.trigger = request.trigger();
        a.flowId = flow == null ? request.flowId() : flow.flowId();
        a.flowName = flow == null ? null : flow.name();
        a.opportunityId = request.opportunity().id();
        a.opportunityName = request.opportunity().name();
        a.ownerId = request.opportunity().ownerId();
        a.departmentId = request.opportunity().departmentId();
        a.opportunity = json.write(request.opportunity());
        a.fromStage = request.fromStage();
        a.toStage = request.toStage();
        a.requestedBy = request.requestedBy() != null ? request.requestedBy() : request.opportunity().ownerId();
        a.requestedAt = request.requestedAt() == null ? now : request.requestedAt().truncatedTo(ChronoUnit.MICROS);
        a.status = ApprovalStatus.PENDING;
        a.steps = flow == null ? "[]" : flow.steps();
        a.currentStep = 0;
        a.currentStepApprovals = "[]";
        a.updatedAt = now;
        Uni<Void> opened = a.persist()
                .chain(() -> TimelineEntry.of(a, a.requestedAt, a.requestedBy, TimelineEntry.Action.REQUESTED, null, null, null).persist())
                .chain(() -> publish(a, ApprovalEvents.REQUESTED, null, null, a.requestedAt));
        if (flow != null) {
            return opened;
        }
        // The flow is gone (deleted after opportunity-service decided it applied): nobody could
        // ever decide, so refuse at once rather than leave the opportunity waiting forever.
        String reason = "approval flow " + request.flowId() + " does not exist";
        a.status = ApprovalStatus.REJECTED;
        a.decidedBy = SYSTEM;
        a.decidedAt = now;
        return opened
                .chain(() -> TimelineEntry.of(a, now, SYSTEM, TimelineEntry.Action.REJECTED, null, null, reason).persist())
                .chain(() -> publish(a, ApprovalEvents.REJECTED, SYSTEM, reason, now));
    }

    /**
     * A decision in a transaction of its own, retried on the fresh state when it lost a race to a
     * concurrent one; an Idempotency-Key (tied to {@code fingerprint}) replays the first answer, so the
     * caller says how the decided approval is answered.
     */
    public Uni<Response> decide(Caller caller, UUID id, DecisionRequest request, String idempotencyKey, Object fingerprint,
                                Function<ApprovalView, Response> answer) {
        return LostRaceRetry.inTransaction(() -> idempotency.once(caller, idempotencyKey, fingerprint,
                () -> decide(caller, id, request).map(answer)));
    }

    /** Withdraws in a transaction of its own; racing a decision, the retry sees the approval closed (409) rather than a bare lost race. */
    public Uni<ApprovalView> withdraw(Caller caller, UUID id, String comment) {
        return LostRaceRetry.inTransaction(() -> withdrawn(caller, id, comment));
    }

    private Uni<ApprovalView> decide(Caller caller, UUID id, DecisionRequest request) {
        return visible(caller, id).chain(loaded -> {
            Approval a = loaded.approval();
            requireOpen(a);
            List<Step> steps = json.steps(a.steps);
            Step step = steps.get(a.currentStep);
            List<String> approvals = json.strings(a.currentStepApprovals);
            if (approvals.contains(caller.employeeId())) {
                throw Problems.conflict("already-decided", "Already decided",
                        caller.employeeId() + " has already approved step " + (a.currentStep + 1) + " of approval " + id, null);
            }
            if (ApproverEligibility.isSelf(caller, loaded.context())) {
                throw Problems.forbidden("the requester or owner of an opportunity may not decide its approval");
            }
            if (!ApproverEligibility.mayDecide(step, caller, loaded.context())) {
                throw Problems.forbidden(caller.employeeId() + " is not an approver of the current step '" + step.name() + "'");
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            int decidedStep = a.currentStep;
            Set<String> mayNotDecide = new HashSet<>();
            mayNotDecide.add(a.requestedBy);
            if (a.ownerId != null) {
                mayNotDecide.add(a.ownerId);
            }
            ApprovalProgress.After after = ApprovalProgress.decide(steps, a.currentStep, approvals, caller.employeeId(),
                    request.decision(), mayNotDecide);
            a.currentStep = after.currentStep();
            a.currentStepApprovals = json.write(after.stepApprovals());
            // always touched, so every decision bumps the version and concurrent deciders collide
            a.updatedAt = now;
            String eventType = switch (after.result()) {
                case APPROVED -> ApprovalEvents.APPROVED;
                case REJECTED -> ApprovalEvents.REJECTED;
                default -> null;
            };
            if (eventType != null) {
                a.status = after.result() == ApprovalProgress.Result.APPROVED ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED;
                a.decidedBy = caller.employeeId();
                a.decidedAt = now;
            }
            TimelineEntry.Action action = request.decision() == ApprovalProgress.Decision.APPROVE
                    ? TimelineEntry.Action.APPROVED : TimelineEntry.Action.REJECTED;
            Uni<Void> recorded = TimelineEntry.of(a, now, caller.employeeId(), action, decidedStep, step.name(), request.comment())
                    .persist().replaceWithVoid();
            if (eventType != null) {
                recorded = recorded.chain(() -> publish(a, eventType, caller.employeeId(), request.comment(), now));
            }
            // flush inside the chain: a lost race fails here (409) and the view carries the new version
            return recorded.chain(() -> Panache.flush()).map(ignored -> view(a));
        });
    }

    private Uni<ApprovalView> withdrawn(Caller caller, UUID id, String comment) {
        return visible(caller, id).chain(loaded -> {
            Approval a = loaded.approval();
            if (!caller.employeeId().equals(a.requestedBy) && !caller.isAdmin()) {
                throw Problems.forbidden("only the requester (" + a.requestedBy + ") or an admin may withdraw approval " + id);
            }
            requireOpen(a);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            a.status = ApprovalStatus.WITHDRAWN;
            a.decidedBy = caller.employeeId();
            a.decidedAt = now;
            a.updatedAt = now;
            return TimelineEntry.of(a, now, caller.employeeId(), TimelineEntry.Action.WITHDRAWN, null, null, comment).persist()
                    .chain(() -> publish(a, ApprovalEvents.WITHDRAWN, caller.employeeId(), comment, now))
                    .chain(() -> Panache.flush())
                    .map(ignored -> view(a));
        });
    }

    /**
     * The opportunity is gone (deleted) or closed (lost / invalid): whatever it waited for will
     * not happen, so its pending approvals are withdrawn and approvers stop seeing them.
     */
    public Uni<Void> withdrawPendingOf(String tenantId, String opportunityId, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Approval.pendingFor(tenantId, opportunityId).chain(pending -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Approval a : pending) {
                a.status = ApprovalStatus.WITHDRAWN;
                a.decidedBy = SYSTEM;
                a.decidedAt = now;
                a.updatedAt = now;
                chain = chain.chain(() -> TimelineEntry.of(a, now, SYSTEM, TimelineEntry.Action.WITHDRAWN, null, null, reason).persist())
                        .chain(() -> publish(a, ApprovalEvents.WITHDRAWN, SYSTEM, reason, now));
            }
            return chain;
        });
    }

    /** A new owner: the owner's-manager steps of pending approvals now mean the new owner's manager. */
    public Uni<Void> ownerChanged(String tenantId, String opportunityId, String ownerId, String departmentId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Approval.pendingFor(tenantId, opportunityId).invoke(pending -> pending.forEach(a -> {
            a.ownerId = ownerId;
            a.departmentId = departmentId;
            a.updatedAt = now;
        })).replaceWithVoid();
    }

    @WithSession
    public Uni<ApprovalView> get(Caller caller, UUID id) {
        return visible(caller, id).map(loaded -> view(loaded.approval()));
    }

    @WithSession
    public Uni<List<TimelineView>> timeline(Caller caller, UUID id) {
        return visible(caller, id)
                .chain(loaded -> TimelineEntry.of(caller.tenantId(), id))
                .map(entries -> entries.stream().map(TimelineView::of).toList());
    }

    /**
     * mine=true: pending approvals whose current step the caller may decide and has not yet
     * approved. Otherwise the approvals the caller may see, newest first, optionally by status.
     * Admins see the whole tenant, so their page is cut in the database; everyone else's
     * visibility depends on each approval's steps and the owner's manager, so the database
     * narrows the candidates and the exact matches are found here, then paged.
     */
    @WithSession
    public Uni<Page<ApprovalView>> list(Caller caller, ApprovalStatus status, boolean mine, int page, int size) {
        if (!mine && caller.isAdmin()) {
            return Approval.pageInTenant(caller.tenantId(), status, page, size)
                    .map(p -> p.map(this::view));
        }
        ApprovalStatus wanted = mine ? ApprovalStatus.PENDING : status;
        return Approval.candidatesFor(caller, wanted).chain(approvals -> managersOf(caller.tenantId(), approvals)
                .map(managers -> approvals.stream()
                        .filter(a -> mine ? awaits(caller, a, managers.get(a.ownerId)) : maySee(caller, a, json.steps(a.steps),
                                context(a, managers.get(a.ownerId))))
                        .map(this::view).toList())
                .map(matching -> Page.slice(matching, page, size)));
    }

    /** Whether the approval waits for the caller: pending, caller may decide its current step and has not approved it yet. */
    private boolean awaits(Caller caller, Approval a, String ownerManagerId) {
        List<Step> steps = json.steps(a.steps);
        return a.status == ApprovalStatus.PENDING && a.currentStep < steps.size()
                && ApproverEligibility.mayDecide(steps.get(a.currentStep), caller, context(a, ownerManagerId))
                && !json.strings(a.currentStepApprovals).contains(caller.employeeId());
    }

    record Loaded(Approval approval, ApproverEligibility.Context context) {
    }

    private Uni<Loaded> visible(Caller caller, UUID id) {
        return Approval.findInTenant(caller.tenantId(), id).chain(a -> {
            if (a == null) {
                return Uni.createFrom().failure(Problems.notFound("Approval", id));
            }
            return managerOf(a.tenantId, a.ownerId).map(managerId -> {
                ApproverEligibility.Context context = context(a, managerId);
                if (!maySee(caller, a, json.steps(a.steps), context)) {
                    throw Problems.notFound("Approval", id);
                }
                return new Loaded(a, context);
            });
        });
    }

    private static boolean maySee(Caller caller, Approval a, List<Step> steps, ApproverEligibility.Context context) {
        return caller.employeeId().equals(a.requestedBy)
                || caller.canSee(a.ownerId, a.departmentId)
                || ApproverEligibility.isApproverOfAnyStep(steps, caller, context);
    }

    private static void requireOpen(Approval a) {
        if (a.status != ApprovalStatus.PENDING) {
            throw Problems.conflict("approval-closed", "Approval is closed",
                    "approval " + a.id + " is " + a.status + " and takes no more decisions", Map.of("approvalStatus", a.status.name()));
        }
    }

    private static ApproverEligibility.Context context(Approval a, String ownerManagerId) {
        return new ApproverEligibility.Context(a.requestedBy, a.ownerId, a.departmentId, ownerManagerId);
    }

    private Uni<String> managerOf(String tenantId, String ownerId) {
        if (ownerId == null) {
            return Uni.createFrom().nullItem();
        }
        return DirectoryEmployee.findInTenant(tenantId, ownerId).map(e -> e == null ? null : e.managerId);
    }

    private Uni<Map<String, String>> managersOf(String tenantId, List<Approval> approvals) {
        Set<String> owners = new HashSet<>();
        approvals.forEach(a -> {
            if (a.ownerId != null) {
                owners.add(a.ownerId);
            }
        });
        return DirectoryEmployee.findAllInTenant(tenantId, owners).map(employees -> {
            Map<String, String> managers = new HashMap<>();
            employees.forEach(e -> managers.put(e.employeeId, e.managerId));
            return managers;
        });
    }

    private Uni<ApprovalFlow> findFlow(String tenantId, String flowId) {
        UUID id;
        try {
            id = flowId == null ? null : UUID.fromString(flowId);
        } catch (IllegalArgumentException e) {
            id = null;
        }
        return id == null ? Uni.createFrom().nullItem() : ApprovalFlow.findInTenant(tenantId, id);
    }

    private Uni<Void> publish(Approval a, String type, String decidedBy, String comment, Instant at) {
        return outbox.append(new DomainEvent(Topics.APPROVAL_EVENTS, type, a.tenantId, a.opportunityId,
                new ApprovalEvents.ApprovalOutcome(a.id.toString(), a.requestId, a.trigger, a.flowId, a.opportunityId, a.toStage,
                        decidedBy, comment, at))).replaceWithVoid();
    }

    ApprovalView view(Approval a) {
        return ApprovalView.of(a, json.steps(a.steps), json.strings(a.currentStepApprovals), requested(a));
    }

    /** The opportunity as requested; an unreadable copy (written before the contract grew) shows as none rather than failing the read. */
    private OpportunityState requested(Approval a) {
        if (a.opportunity == null) {
            return null;
        }
        try {
            return json.mapper().readValue(a.opportunity, OpportunityState.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }
}
