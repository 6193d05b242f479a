package io.oppsuite.opportunity.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.opportunity.core.LifecycleStatus;
import io.oppsuite.opportunity.core.LineItem;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.core.Opportunities;
import io.oppsuite.opportunity.core.OpportunityPublisher;
import io.oppsuite.opportunity.core.Written;
import io.oppsuite.opportunity.approvalflow.ApprovalFlows;
import io.oppsuite.opportunity.approvalflow.ApprovalHold;
import io.oppsuite.opportunity.duplicate.DuplicateChecks;
import io.oppsuite.opportunity.duplicate.DuplicateKeys;
import io.oppsuite.opportunity.duplicate.DuplicateRule;
import io.oppsuite.opportunity.holding.HoldingReservations;
import io.oppsuite.opportunity.stage.StageEntryGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Puts a rejected or withdrawn (DRAFT) opportunity back into play, as a create would with its current
 * values: the stage's entry conditions hold (422), the creation flow that applies now is asked again (a new approval request, PENDING_APPROVAL),
 * or none applies and it becomes ACTIVE; either way the owner's holding limit is reserved first and the
 * duplicate rules for creates apply (409, nothing written). Emits opportunity.updated and, with a flow,
 * opportunity.approval-requested, in one transaction on the locked row (opened here, with the holding reservation around it).
 */
@ApplicationScoped
public class CreationResubmission {

    @Inject
    Opportunities opportunities;

    @Inject
    OpportunityPublisher publisher;

    @Inject
    ApprovalFlows flows;

    @Inject
    DuplicateChecks duplicates;

    @Inject
    HoldingReservations holdings;

    @Inject
    StageEntryGuard stageGuard;

    public Uni<Written> resubmit(Caller caller, UUID id, long expectedVersion) {
        HoldingReservations.Ticket ticket = holdings.ticket();
        return holdings.inTransaction(ticket, () -> opportunities.ownedForUpdate(caller, id).chain(o -> {
            Preconditions.requireVersion(id, expectedVersion, o.version);
            if (!o.status.unsubmitted()) {
                throw Problems.conflict("not-resubmittable", "Nothing to resubmit",
                        "opportunity " + id + " is " + o.status + "; only REJECTED and DRAFT opportunities are resubmitted",
                        Map.of("opportunityStatus", o.status.name()));
            }
            return LineItem.of(o.tenantId, o.id).chain(items -> {
                JsonNode subject = opportunities.subject(o, items);
                // back in play like a create: the stage's entry conditions as the process has them now
                return stageGuard.require(o.tenantId, o.salesProcessId, o.stageKey, () -> Uni.createFrom().item(subject))
                        .chain(() -> flows.creationFlow(o.tenantId, o.salesProcessId, subject))
                        .chain(flow -> {
                            io.oppsuite.common.contracts.OpportunityState previous = o.toState();
                            o.status = flow.isPresent() ? LifecycleStatus.PENDING_APPROVAL : LifecycleStatus.ACTIVE;
                            o.approvalRequestId = flow.isPresent() ? UUID.randomUUID().toString() : null;
                            o.approvalWatchedFields = flow.map(f -> ApprovalHold.watched(f.conditions())).orElse(null);
                            o.lastRejection = null;
                            o.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                            DuplicateKeys.Subject keys = DuplicateKeys.of(o, items);
                            Uni<Void> reserved = o.ownerId == null ? Uni.createFrom().voidItem() : holdings.reserve(ticket, o.toState());
                            return reserved
                                    .chain(() -> DuplicateRule.activeOf(o.tenantId))
                                    .chain(rules -> duplicates.enforce(o.tenantId, rules, DuplicateRule.AppliesTo.CREATE, keys, o.id)
                                            .chain(warnings -> o.<Opportunity>persistAndFlush()
                                                    .call(saved -> duplicates.record(o.tenantId, saved.id, rules, keys))
                                                    .call(saved -> publisher.emit(saved, OpportunityEvents.UPDATED,
                                                            OpportunityEvents.Changed.updated(previous, saved.toState(), caller.employeeId()),
                                                            saved.updatedAt))
                                                    .call(saved -> flow.isEmpty() ? Uni.createFrom().voidItem()
                                                            : publisher.emit(saved, ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY,
                                                            new ApprovalEvents.ApprovalRequest(saved.approvalRequestId,
                                                                    ApprovalEvents.Trigger.OPPORTUNITY_CREATION, flow.get().id(),
                                                                    saved.toState(), null, null, caller.employeeId(), saved.updatedAt),
                                                            saved.updatedAt))
                                                    .map(saved -> new Written(saved, items, warnings))));
                        });
            });
        }));
    }
}
