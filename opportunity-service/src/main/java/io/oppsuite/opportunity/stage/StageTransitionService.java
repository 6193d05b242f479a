package io.oppsuite.opportunity.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.common.json.Json;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.opportunity.approvalflow.ApprovalFlows;
import io.oppsuite.opportunity.approvalflow.ApprovalHold;
import io.oppsuite.opportunity.core.LifecycleStatus;
import io.oppsuite.opportunity.core.LineItem;
import io.oppsuite.opportunity.core.LineItemView;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.core.Opportunities;
import io.oppsuite.opportunity.core.OpportunityPublisher;
import io.oppsuite.opportunity.holding.HoldingReservations;
import io.oppsuite.opportunity.process.SalesProcesses;
import io.oppsuite.opportunity.task.AssociatedRecord;
import io.oppsuite.opportunity.task.TaskService;
import io.oppsuite.opportunity.task.TaskStatus;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class StageTransitionService {

    private final StageTransitionPolicy policy = new StageTransitionPolicy();

    @Inject
    Opportunities opportunities;

    @Inject
    OpportunityPublisher publisher;

    @Inject
    TaskService tasks;

    @Inject
    SalesProcesses processes;

    @Inject
    ApprovalFlows approvalFlows;

    @Inject
    HoldingReservations holdings;

    @Inject
    ObjectMapper mapper;

    @Inject
    StageEntryGuard stageGuard;

    /** Every rule of the move and whether it holds, without moving. */
    public record Readiness(String fromStage, String toStage, boolean ready, boolean requiresApproval,
                            List<StageTransitionPolicy.RuleCheck> rules) {
    }

    /** Data of sales-order.requested: the won opportunity and what was sold. */
    public record SalesOrderRequested(io.oppsuite.common.contracts.OpportunityState opportunity, List<LineItemView> lineItems,
                                      String by) {
    }

    /**
     * The verdict the write would give. {@code to} another stage: the move's rules. {@code to} the
     * deal's own stage: whether the deal meets that stage's entry conditions as it is, the verdict
     * every write that changes it (PATCH, owner change, claim) is held to.
     */
    @WithSession
    public Uni<Readiness> readiness(Caller caller, UUID id, String toStage) {
        return opportunities.visible(caller, id).chain(o -> processes.require(caller.tenantId(), o.salesProcessId).chain(process -> {
            if (toStage.equals(o.stageKey)) {
                return tasks.facts(o).map(facts -> {
                    List<StageTransitionPolicy.RuleCheck> checks = new java.util.ArrayList<>();
                    checks.add(new StageTransitionPolicy.RuleCheck("opportunity-open",
                            o.status == LifecycleStatus.ACTIVE || o.status == LifecycleStatus.PENDING_APPROVAL, "the opportunity is " + o.status));
                    checks.addAll(policy.stay(process, o.stageKey, facts.subject()));
                    return new Readiness(o.stageKey, toStage, StageTransitionPolicy.unmet(checks).isEmpty(), false, checks);
                });
            }
            return stageGuard.actor(caller).chain(actor -> decide(process, o, toStage, null).map(d -> {
                List<StageTransitionPolicy.RuleCheck> checks = new java.util.ArrayList<>();
                process.stage(toStage).flatMap(target -> StageTransitionPolicy.transitionOwner(target, actor)).ifPresent(checks::add);
                checks.addAll(d.checks());
                return new Readiness(o.stageKey, toStage, StageTransitionPolicy.unmet(checks).isEmpty(), d.approvalFlowId().isPresent(), checks);
            }));
        }));
    }

    /** The result of a move request: moved, or recorded as waiting for a stage-completion approval. */
    public record Moved(Opportunity opportunity, List<LineItem> lineItems, boolean pendingApproval) {
    }

    /** A move request, in a transaction of its own with the owner's holding reservation around it. */
    public Uni<Moved> move(Caller caller, UUID id, Long expectedVersion, StageTransitionRequest request) {
        HoldingReservations.Ticket ticket = holdings.ticket();
        return holdings.inTransaction(ticket, () -> move(caller, id, expectedVersion, request, ticket));
    }

    /** A reopen, in a transaction of its own with the owner's holding reservation around it. */
    public Uni<Moved> reopen(Caller caller, UUID id, Long expectedVersion, ReopenRequest request) {
        HoldingReservations.Ticket ticket = holdings.ticket();
        return holdings.inTransaction(ticket, () -> reopen(caller, id, expectedVersion, request, ticket));
    }

    /** Every stay of a deal the caller may see, oldest first. */
    @WithSession
    public Uni<List<StageHistoryView>> history(Caller caller, UUID id) {
        return opportunities.visible(caller, id)
                .chain(o -> StageHistoryEntry.of(caller.tenantId(), id))
                .map(entries -> entries.stream().map(StageHistoryView::of).toList());
    }

    /**
     * Moves the opportunity or answers 422 listing every unmet rule. Into an in-progress stage the
     * owner's holding limit is reserved first ({@code holding}; the caller confirms after commit).
     * In the caller's transaction.
     */
    private Uni<Moved> move(Caller caller, UUID id, Long expectedVersion, StageTransitionRequest request,
                            HoldingReservations.Ticket holding) {
        return opportunities.editableForUpdate(caller, id).chain(o -> {
            Preconditions.requireVersion(id, expectedVersion, o.version);
            if (o.pendingMoveTo != null) {
                throw Problems.conflict("move-pending-approval", "A move is waiting for approval",
                        "the move to '" + o.pendingMoveTo + "' waits for its approval", Map.of("pendingMoveTo", o.pendingMoveTo));
            }
            return processes.require(caller.tenantId(), o.salesProcessId).call(process -> stageGuard.requireTransitionOwner(caller, process, request.toStage()))
                    .chain(process -> decide(process, o, request.toStage(), request.reason())
                    .chain(decision -> {
                List<StageTransitionPolicy.RuleCheck> unmet = decision.unmet();
                if (!unmet.isEmpty()) {
                    throw refused(request.toStage(), unmet);
                }
                if (decision.approvalFlowId().isPresent()) {
                    return requestApproval(caller, o, decision.approvalFlowId().get(), request).chain(this::withLineItems)
                            .map(m -> new Moved(m.opportunity(), m.lineItems(), true));
                }
                Entered entered = enter(o, process, process.stage(request.toStage()).orElseThrow(), request.reason(), request.winRate());
                return reserveFor(holding, o)
                        .chain(() -> write(caller, o, entered, decision.waived()))
                        .chain(this::withLineItems);
            }));
        });
    }

    /**
     * Reopens a Won, Lost or Invalid deal into an in-progress stage (managers and admins; the
     * resource checks the role): status ACTIVE again, the reason in the stage history and in
     * opportunity.stage-changed (a new stay for analytics), the owner's holding limit reserved
     * first. In the caller's transaction.
     */
    private Uni<Moved> reopen(Caller caller, UUID id, Long expectedVersion, ReopenRequest request, HoldingReservations.Ticket holding) {
        return opportunities.ownedForUpdate(caller, id).chain(o -> {
            Preconditions.requireVersion(id, expectedVersion, o.version);
            return processes.require(caller.tenantId(), o.salesProcessId).call(process -> stageGuard.requireTransitionOwner(caller, process, request.toStage()))
                    .chain(process -> tasks.facts(o).chain(facts -> {
                List<StageTransitionPolicy.RuleCheck> unmet = StageTransitionPolicy.unmet(
                        policy.reopen(process, o.status, request.toStage(), facts.subject()));
                if (!unmet.isEmpty()) {
                    throw Problems.unprocessable("reopen-refused", "Reopen refused",
                            unmet.size() + " rule(s) not met for reopening into '" + request.toStage() + "'", Map.of("unmetRules", unmet));
                }
                o.status = LifecycleStatus.ACTIVE;
                o.closeReason = null;
                Entered entered = enter(o, process, process.stage(request.toStage()).orElseThrow(), request.reason().trim(), request.winRate());
                return reserveFor(holding, o)
                        .chain(() -> write(caller, o, entered, List.of()))
                        .chain(this::withLineItems);
            }));
        });
    }

    /**
     * An approved stage-completion move, performed if its rules (other than the approval) still
     * hold when the approval arrives; otherwise the deal stays and {@code lastRejection} names the
     * unmet rules. In the inbox's transaction.
     */
    public Uni<Void> approvedMove(String tenantId, Opportunity o, String to, String reason, String requestedBy, BigDecimal winRate) {
        return processes.require(tenantId, o.salesProcessId).chain(process -> decide(process, o, to, reason).chain(decision -> {
            List<StageTransitionPolicy.RuleCheck> unmet = decision.unmet();
            if (!unmet.isEmpty() || process.stage(to).isEmpty()) {
                o.lastRejection = "the approved move to '" + to + "' was not made: "
                        + unmet.stream().map(StageTransitionPolicy.RuleCheck::detail).collect(Collectors.joining("; "));
                return o.persistAndFlush().replaceWithVoid();
            }
            return apply(new Caller(tenantId, requestedBy, null, Set.of()), o, process, process.stage(to).get(), reason, winRate, decision.waived())
                    .replaceWithVoid();
        }));
    }

    static io.quarkiverse.resteasy.problem.HttpProblem refused(String toStage, List<StageTransitionPolicy.RuleCheck> unmet) {
        return Problems.unprocessable("stage-transition-refused", "Stage transition refused",
                unmet.size() + " rule(s) not met for moving to '" + toStage + "'", Map.of("unmetRules", unmet));
    }

    /**
     * Into an in-progress stage the deal counts (again) for its owner: their place is reserved for
     * the deal as the move leaves it ({@code o} already entered the target, not yet written).
     */
    private Uni<Void> reserveFor(HoldingReservations.Ticket holding, Opportunity o) {
        if (holding == null || o.ownerId == null || o.stageType != StageType.IN_PROGRESS) {
            return Uni.createFrom().voidItem();
        }
        return holdings.reserve(holding, o.toState());
    }

    private Uni<Moved> withLineItems(Opportunity o) {
        return LineItem.of(o.tenantId, o.id).map(items -> new Moved(o, items, false));
    }

    /** Records the move as pending and asks approval-service (opportunity.approval-requested, same transaction). */
    private Uni<Opportunity> requestApproval(Caller caller, Opportunity o, String settingsFlowId, StageTransitionRequest request) {
        return approvalFlows.stageCompletionFlow(caller.tenantId(), o.salesProcessId, o.stageKey).chain(cached -> {
            String flowId = !settingsFlowId.isBlank() ? settingsFlowId : cached.map(f -> f.id()).orElse(null);
            String fromStage = o.stageKey;
            // the fields the governing flow's conditions read stay as the approver sees them while it waits
            o.approvalWatchedFields = cached.filter(f -> flowId == null || flowId.equals(f.id()))
                    .map(f -> ApprovalHold.watched(f.conditions())).orElse(null);
            o.pendingMoveTo = request.toStage();
            o.pendingMoveReason = request.reason();
            o.pendingMoveWinRate = request.winRate();
            o.pendingMoveBy = caller.employeeId();
            o.approvalRequestId = UUID.randomUUID().toString();
            o.lastRejection = null;
            // the flush below bumps the version by one; an approval only moves that very version
            o.pendingMoveVersion = o.version + 1;
            o.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return o.<Opportunity>persistAndFlush().call(saved -> publisher.emit(saved, ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY,
                    new ApprovalEvents.ApprovalRequest(saved.approvalRequestId, ApprovalEvents.Trigger.STAGE_COMPLETION, flowId,
                            saved.toState(), fromStage, request.toStage(), caller.employeeId(), saved.updatedAt)));
        });
    }

    /** Loads the opportunity's fields, line items and associated records only when a rule of the move looks at them. */
    private Uni<StageTransitionPolicy.Decision> decide(SalesProcessSnapshot process, Opportunity o, String toStage, String reason) {
        Uni<TaskStatus.Facts> facts = policy.needsFacts(process, o.stageKey, toStage) ? tasks.facts(o) : Uni.createFrom().nullItem();
        return facts.map(f -> policy.decide(new StageTransitionPolicy.Move(process, o.stageKey, o.status, toStage, reason, f)));
    }

    /** Performs an allowed move in one transaction: {@link #enter}, then {@link #write}. */
    public Uni<Opportunity> apply(Caller caller, Opportunity o, SalesProcessSnapshot process, SalesProcessSnapshot.Stage target,
                                  String reason, BigDecimal winRate, List<StageTransitionPolicy.RuleCheck> waived) {
        return write(caller, o, enter(o, process, target, reason, winRate), waived);
    }

    /** What a move changed, for its history entry and event. */
    private record Entered(OpportunityEvents.StageRef from, Instant previousEnteredAt, SalesProcessSnapshot.Stage target, String reason,
                           long processVersion) {

        OpportunityEvents.StageRef to() {
            return new OpportunityEvents.StageRef(target.key(), target.type(), target.label());
        }
    }

    /**
     * Puts {@code o} in {@code target} (not written yet): stage, win rate (the one asked for, else
     * the target's default), status and close reason for terminal stages.
     */
    private static Entered enter(Opportunity o, SalesProcessSnapshot process, SalesProcessSnapshot.Stage target, String reason,
                                 BigDecimal winRate) {
        // the stage left may no longer be in the process (a move out of a removed stage): no label then
        String fromLabel = process.stage(o.stageKey).map(SalesProcessSnapshot.Stage::label).orElse(null);
        Entered entered = new Entered(new OpportunityEvents.StageRef(o.stageKey, o.stageType, fromLabel), o.stageEnteredAt, target,
                reason == null || reason.isBlank() ? null : reason, process.version());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        o.stageKey = target.key();
        o.stageType = target.type();
        o.stageEnteredAt = now;
        o.updatedAt = now;
        // a new stay: not overdue until its own duration passes
        o.overdue = false;
        if (winRate != null) {
            o.winRate = winRate;
        } else if (target.defaultWinRate() != null) {
            o.winRate = BigDecimal.valueOf(target.defaultWinRate());
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
        return entered;
    }

    /** Writes an entered stage: the row, the history entry (reason, waived rules), stage-changed and the terminal events. */
    private Uni<Opportunity> write(Caller caller, Opportunity o, Entered entered, List<StageTransitionPolicy.RuleCheck> waived) {
        String by = caller.employeeId();
        SalesProcessSnapshot.Stage target = entered.target();
        List<OpportunityEvents.WaivedRule> waivedRules = waived.stream()
                .map(r -> new OpportunityEvents.WaivedRule(r.name(), r.detail())).toList();
        return o.<Opportunity>persistAndFlush()
                .call(saved -> StageHistoryEntry.record(saved, entered.from().key(), by, entered.previousEnteredAt())
                        .because(entered.reason(), waivedRules.isEmpty() ? null : json(waivedRules)).persist())
                .call(saved -> publisher.emit(saved, OpportunityEvents.STAGE_CHANGED, new OpportunityEvents.StageChanged(
                        saved.toState(), entered.from(), entered.to(), saved.stageEnteredAt, by, entered.reason(), waivedRules,
                        entered.previousEnteredAt(), staySeconds(entered.previousEnteredAt(), saved.stageEnteredAt),
                        entered.processVersion()), saved.stageEnteredAt))
                .call(saved -> switch (target.type()) {
                    case WON -> requiredRecords(saved, target)
                            .chain(records -> publisher.emit(saved, OpportunityEvents.WON,
                                    new OpportunityEvents.Won(saved.toState(), by, entered.reason(), records), saved.stageEnteredAt))
                            .chain(() -> LineItem.of(saved.tenantId, saved.id))
                            .chain(items -> publisher.emit(saved, OpportunityEvents.SALES_ORDER_REQUESTED, new SalesOrderRequested(
                                    saved.toState(), items.stream().map(li -> LineItemView.of(li, saved.currency)).toList(), by), saved.stageEnteredAt));
                    case LOST, INVALID -> requiredRecords(saved, target).chain(records -> publisher.emit(saved, OpportunityEvents.CLOSED,
                            new OpportunityEvents.Closed(saved.toState(), entered.reason(), by, records), saved.stageEnteredAt));
                    default -> Uni.createFrom().voidItem();
                });
    }

    private static Long staySeconds(Instant enteredAt, Instant leftAt) {
        return enteredAt == null ? null : Math.max(0, Duration.between(enteredAt, leftAt).getSeconds());
    }

    /** The associated records of the type a terminal stage requires on entry (none when it requires none). */
    private static Uni<List<OpportunityEvents.RequiredRecord>> requiredRecords(Opportunity o, SalesProcessSnapshot.Stage target) {
        SalesProcessSnapshot.TerminalRequirements required = target.settingsOrDefault().requiredOnEntry();
        String type = required == null ? null : required.associatedRecordType();
        if (type == null || type.isBlank()) {
            return Uni.createFrom().item(List.of());
        }
        return AssociatedRecord.of(o.tenantId, o.id).map(records -> records.stream().filter(r -> type.equals(r.recordType))
                .map(r -> new OpportunityEvents.RequiredRecord(r.id.toString(), r.recordType, r.name)).toList());
    }

    private String json(Object value) {
        return Json.write(mapper, value);
    }
}
