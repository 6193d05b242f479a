package io.oppsuite.opportunity.approval;

import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.opportunity.core.LifecycleStatus;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.core.OpportunityPublisher;
import io.oppsuite.opportunity.duplicate.DuplicateChecks;
import io.oppsuite.opportunity.duplicate.DuplicateKeys;
import io.oppsuite.opportunity.process.SalesProcesses;
import io.oppsuite.opportunity.stage.StageTransitionService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * approval.approved / approval.rejected applied to the opportunity waiting on {@code requestId}.
 * Creation: approved → ACTIVE, rejected → REJECTED, withdrawn → DRAFT (each emits opportunity.updated;
 * opportunity.created went out at creation with status PENDING_APPROVAL); REJECTED and DRAFT are
 * editable and resubmitted through {@link CreationResubmission}. Stage completion: approved performs the
 * recorded move if the opportunity did not change meanwhile; rejected leaves it where it is with
 * the reason in {@code lastRejection}. Runs in the inbox's transaction.
 */
@ApplicationScoped
public class ApprovalDecisions {

    private static final Logger LOG = Logger.getLogger(ApprovalDecisions.class);

    @Inject
    OpportunityPublisher publisher;

    @Inject
    StageTransitionService transitions;

    @Inject
    SalesProcesses processes;

    @Inject
    DuplicateChecks duplicates;

    public Uni<Void> approved(String tenantId, ApprovalEvents.ApprovalOutcome outcome) {
        return waiting(tenantId, outcome).chain(o -> {
            if (o == null) {
                return Uni.createFrom().voidItem();
            }
            if (o.status == LifecycleStatus.PENDING_APPROVAL) {
                io.oppsuite.common.contracts.OpportunityState previous = o.toState();
                o.status = LifecycleStatus.ACTIVE;
                o.approvalRequestId = null;
                o.approvalWatchedFields = null;
                o.updatedAt = now();
                return o.<Opportunity>persistAndFlush().chain(saved -> publisher.emit(saved, OpportunityEvents.UPDATED,
                        OpportunityEvents.Changed.updated(previous, saved.toState(), by(outcome)), saved.updatedAt));
            }
            if (o.pendingMoveTo == null) {
                return Uni.createFrom().voidItem();
            }
            String to = o.pendingMoveTo;
            String reason = o.pendingMoveReason;
            String requestedBy = o.pendingMoveBy;
            java.math.BigDecimal winRate = o.pendingMoveWinRate;
            boolean unchanged = o.pendingMoveVersion != null && o.pendingMoveVersion == o.version
                    && o.status == LifecycleStatus.ACTIVE;
            clearPending(o);
            if (!unchanged) {
                o.lastRejection = "the approved move to '" + to + "' was not made: the opportunity changed while it waited";
                return o.persistAndFlush().replaceWithVoid();
            }
            // the move's other rules are decided again, by the same evaluator, as the approval arrives
            return transitions.approvedMove(tenantId, o, to, reason, requestedBy, winRate);
        });
    }

    public Uni<Void> rejected(String tenantId, ApprovalEvents.ApprovalOutcome outcome) {
        return waiting(tenantId, outcome).chain(o -> {
            if (o == null) {
                return Uni.createFrom().voidItem();
            }
            String reason = outcome.comment() == null || outcome.comment().isBlank() ? "rejected" : outcome.comment();
            if (o.status == LifecycleStatus.PENDING_APPROVAL) {
                return unsubmit(o, LifecycleStatus.REJECTED, reason, by(outcome));
            }
            if (o.pendingMoveTo == null) {
                return Uni.createFrom().voidItem();
            }
            o.lastRejection = "move to '" + o.pendingMoveTo + "' rejected: " + reason;
            clearPending(o);
            return o.persistAndFlush().replaceWithVoid();
        });
    }

    /**
     * approval.withdrawn (the requester or an admin in approval-service, or approval-service itself for a
     * closed or deleted opportunity): a creation goes back to an editable DRAFT, to be resubmitted; a
     * stage move stays where it is, with why in {@code lastRejection}.
     */
    public Uni<Void> withdrawn(String tenantId, ApprovalEvents.ApprovalOutcome outcome) {
        return waiting(tenantId, outcome).chain(o -> {
            if (o == null) {
                return Uni.createFrom().voidItem();
            }
            String why = "approval withdrawn by " + by(outcome)
                    + (outcome.comment() == null || outcome.comment().isBlank() ? "" : ": " + outcome.comment());
            if (o.status == LifecycleStatus.PENDING_APPROVAL) {
                return unsubmit(o, LifecycleStatus.DRAFT, why, by(outcome));
            }
            if (o.pendingMoveTo == null) {
                return Uni.createFrom().voidItem();
            }
            o.lastRejection = "move to '" + o.pendingMoveTo + "' " + why;
            clearPending(o);
            return o.persistAndFlush().replaceWithVoid();
        });
    }

    /**
     * A creation refused or withdrawn: the opportunity leaves play (REJECTED / DRAFT) and stays editable.
     * holding-service stops counting it from the event (those statuses never count); its duplicate
     * keys go, so it blocks no one until it is resubmitted.
     */
    private Uni<Void> unsubmit(Opportunity o, LifecycleStatus status, String why, String by) {
        io.oppsuite.common.contracts.OpportunityState previous = o.toState();
        o.status = status;
        o.approvalRequestId = null;
        o.approvalWatchedFields = null;
        o.lastRejection = why;
        o.updatedAt = now();
        return o.<Opportunity>persistAndFlush()
                .call(saved -> duplicates.record(saved.tenantId, saved.id, List.of(), DuplicateKeys.of(saved, List.of())))
                .chain(saved -> publisher.emit(saved, OpportunityEvents.UPDATED,
                        OpportunityEvents.Changed.updated(previous, saved.toState(), by), saved.updatedAt));
    }

    private Uni<Opportunity> waiting(String tenantId, ApprovalEvents.ApprovalOutcome outcome) {
        return Opportunity.<Opportunity>find("tenantId = ?1 and approvalRequestId = ?2", tenantId, outcome.requestId()).firstResult()
                .invoke(o -> {
                    if (o == null) {
                        LOG.debugf("approval decision for unknown request %s in tenant %s ignored", outcome.requestId(), tenantId);
                    }
                });
    }

    private static void clearPending(Opportunity o) {
        o.pendingMoveTo = null;
        o.pendingMoveReason = null;
        o.pendingMoveBy = null;
        o.pendingMoveVersion = null;
        o.pendingMoveWinRate = null;
        o.approvalRequestId = null;
        o.approvalWatchedFields = null;
    }

    private static String by(ApprovalEvents.ApprovalOutcome outcome) {
        return outcome.decidedBy() == null ? "approval-service" : outcome.decidedBy();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
