package io.oppsuite.opportunity.stage;

import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.opportunity.approval.ApprovalFlows;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.opportunity.core.LifecycleStatus;
import io.oppsuite.opportunity.core.LineItem;
import io.oppsuite.opportunity.core.LineItemView;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.core.OpportunityService;
import io.oppsuite.opportunity.process.SalesProcesses;
import io.oppsuite.opportunity.task.TaskStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class StageTransitionService {

    private final StageTransitionPolicy policy = new StageTransitionPolicy();

    @Inject
    OpportunityService opportunities;

    @Inject
    SalesProcesses processes;

    @Inject
    ApprovalFlows approvalFlows;

    /** Every rule of the move and whether it holds, without moving. */
    public record Readiness(String fromStage, String toStage, boolean ready, boolean requiresApproval,
                            List<StageTransitionPolicy.RuleCheck> rules) {
    }

    /** Data of sales-order.requested: the won opportunity and what was sold. */
    public record SalesOrderRequested(io.oppsuite.common.contracts.OpportunityState opportunity, List<LineItemView> lineItems,
                                      String by) {
    }

    public Uni<Readiness> readiness(Caller caller, UUID id, String toStage) {
        return opportunities.visible(caller, id).chain(o -> processes.require(caller.tenantId(), o.salesProcessId)
                .chain(process -> decide(process, o, toStage, null))
                .map(d -> new Readiness(o.stageKey, toStage, d.unmet().isEmpty(), d.approvalFlowId().isPresent(), d.checks())));
    }

    /** The result of a move request: moved, or recorded as waiting for a stage-completion approval. */
    public record Moved(Opportunity opportunity, boolean pendingApproval) {
    }

    /** Moves the opportunity or answers 422 listing every unmet rule; optimistic locking guards races. */
    public Uni<Moved> move(Caller caller, UUID id, Long expectedVersion, StageTransitionRequest request) {
        return opportunities.visible(caller, id).chain(o -> {
            Preconditions.requireVersion(id, expectedVersion, o.version);
            if (o.pendingMoveTo != null) {
                throw Problems.conflict("move-pending-approval", "A move is waiting for approval",
                        "the move to '" + o.pendingMoveTo + "' waits for its approval", Map.of("pendingMoveTo", o.pendingMoveTo));
            }
            return processes.require(caller.tenantId(), o.salesProcessId).chain(process -> decide(process, o, request.toStage(), request.reason())
                    .chain(decision -> {
                List<StageTransitionPolicy.RuleCheck> unmet = decision.unmet();
                if (!unmet.isEmpty()) {
                    throw Problems.unprocessable("stage-transition-refused", "Stage transition refused",
                            unmet.size() + " rule(s) not met for moving to '" + request.toStage() + "'",
                            Map.of("unmetRules", unmet));
                }
                if (decision.approvalFlowId().isPresent()) {
                    return requestApproval(caller, o, decision.approvalFlowId().get(), request).map(saved -> new Moved(saved, true));
                }
                return apply(caller, o, process.stage(request.toStage()).orElseThrow(), request.reason())
                        .map(saved -> new Moved(saved, false));
            }));
        });
    }

    /** Records the move as pending and asks approval-service (opportunity.approval-requested, same transaction). */
    private Uni<Opportunity> requestApproval(Caller caller, Opportunity o, String settingsFlowId, StageTransitionRequest request) {
        return approvalFlows.stageCompletionFlow(caller.tenantId(), o.salesProcessId, o.stageKey).chain(cached -> {
            String flowId = !settingsFlowId.isBlank() ? settingsFlowId : cached.map(f -> f.id()).orElse(null);
            String fromStage = o.stageKey;
            o.pendingMoveTo = request.toStage();
            o.pendingMoveReason = request.reason();
            o.pendingMoveBy = caller.employeeId();
            o.approvalRequestId = UUID.randomUUID().toString();
            o.lastRejection = null;
            // the flush below bumps the version by one; an approval only moves that very version
            o.pendingMoveVersion = o.version + 1;
            o.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return o.<Opportunity>persistAndFlush().call(saved -> opportunities.emit(saved, ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY,
                    new ApprovalEvents.ApprovalRequest(saved.approvalRequestId, ApprovalEvents.Trigger.STAGE_COMPLETION, flowId,
                            saved.toState(), fromStage, request.toStage(), caller.employeeId(), saved.updatedAt)));
        });
    }

    /** Loads the opportunity's fields, line items and associated records only when a rule of the move looks at them. */
    private Uni<StageTransitionPolicy.Decision> decide(SalesProcessSnapshot process, Opportunity o, String toStage, String reason) {
        Uni<TaskStatus.Facts> facts = policy.needsFacts(process, o.stageKey, toStage) ? opportunities.facts(o) : Uni.createFrom().nullItem();
        return facts.map(f -> policy.decide(new StageTransitionPolicy.Move(process, o.stageKey, o.status, toStage, reason, f)));
    }

    /** Performs an allowed move: stage, status for terminal stages, history, events, all in one transaction. */
    public Uni<Opportunity> apply(Caller caller, Opportunity o, SalesProcessSnapshot.Stage target, String reason) {
        OpportunityEvents.StageRef from = new OpportunityEvents.StageRef(o.stageKey, o.stageType);
        Instant previousEnteredAt = o.stageEnteredAt;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        o.stageKey = target.key();
        o.stageType = target.type();
        o.stageEnteredAt = now;
        o.updatedAt = now;
        // a new stay: not overdue until its own duration passes
        o.overdue = false;
        if (target.defaultWinRate() != null) {
            o.winRate = java.math.BigDecimal.valueOf(target.defaultWinRate());
        }
        if (target.type() == StageType.WON) {
            o.status = LifecycleStatus.WON;
        } else if (target.type() == StageType.LOST) {
            o.status = LifecycleStatus.LOST;
            o.closeReason = reason;
        } else if (target.type() == StageType.INVALID) {
            o.status = LifecycleStatus.INVALID;
            o.closeReason = reason;
        }
        String by = caller.employeeId();
        return o.<Opportunity>persistAndFlush()
                .call(saved -> StageHistoryEntry.record(saved, from.key(), by, previousEnteredAt).persist())
                .call(saved -> opportunities.emit(saved, OpportunityEvents.STAGE_CHANGED, new OpportunityEvents.StageChanged(
                        saved.toState(), from, new OpportunityEvents.StageRef(target.key(), target.type()), now, by)))
                .call(saved -> switch (target.type()) {
                    case WON -> opportunities.emit(saved, OpportunityEvents.WON, new OpportunityEvents.Changed(saved.toState(), by))
                            .chain(() -> LineItem.of(saved.tenantId, saved.id))
                            .chain(items -> opportunities.emit(saved, OpportunityEvents.SALES_ORDER_REQUESTED, new SalesOrderRequested(
                                    saved.toState(), items.stream().map(LineItemView::of).toList(), by)));
                    case LOST, INVALID -> opportunities.emit(saved, OpportunityEvents.CLOSED,
                            new OpportunityEvents.Closed(saved.toState(), reason, by));
                    default -> Uni.createFrom().voidItem();
                });
    }
}
