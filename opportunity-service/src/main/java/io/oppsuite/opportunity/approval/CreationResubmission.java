package io.oppsuite.opportunity.approval;

import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.opportunity.core.LifecycleStatus;
import io.oppsuite.opportunity.core.LineItem;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.core.OpportunityService;
import io.oppsuite.opportunity.duplicate.DuplicateChecks;
import io.oppsuite.opportunity.duplicate.DuplicateKeys;
import io.oppsuite.opportunity.duplicate.DuplicateRule;
import io.oppsuite.opportunity.holding.HoldingReservations;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Puts a rejected or withdrawn (DRAFT) opportunity back into play, as a create would with its current
 * values: the creation flow that applies now is asked again (a new approval request, PENDING_APPROVAL),
 * or none applies and it becomes ACTIVE; either way the owner's holding limit is reserved first and the
 * duplicate rules for creates apply (409, nothing written). Emits opportunity.updated and, with a flow,
 * opportunity.approval-requested, in one transaction.
 */
@ApplicationScoped
public class CreationResubmission {

    @Inject
    OpportunityService opportunities;

    @Inject
    ApprovalFlows flows;

    @Inject
    DuplicateChecks duplicates;

    @Inject
    HoldingReservations holdings;

    public Uni<OpportunityService.Created> resubmit(Caller caller, String authorization, UUID id, Long expectedVersion) {
        HoldingReservations.Ticket ticket = holdings.ticket(authorization);
        return Panache.withTransaction(() -> opportunities.visible(caller, id).chain(o -> {
                    Preconditions.requireVersion(id, expectedVersion, o.version);
                    if (!o.status.unsubmitted()) {
                        throw Problems.conflict("not-resubmittable", "Nothing to resubmit",
                                "opportunity " + id + " is " + o.status + "; only REJECTED and DRAFT opportunities are resubmitted",
                                Map.of("opportunityStatus", o.status.name()));
                    }
                    return LineItem.of(o.tenantId, o.id).chain(items -> flows
                            .creationFlow(o.tenantId, o.salesProcessId, opportunities.subject(o, items))
                            .chain(flow -> {
                                o.status = flow.isPresent() ? LifecycleStatus.PENDING_APPROVAL : LifecycleStatus.ACTIVE;
                                o.approvalRequestId = flow.isPresent() ? UUID.randomUUID().toString() : null;
                                o.approvalWatchedFields = flow.map(f -> ApprovalHold.watched(f.conditions())).orElse(null);
                                o.lastRejection = null;
                                o.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                                DuplicateKeys.Subject subject = OpportunityService.duplicateSubject(o, items);
                                return holdings.reserve(ticket, o.toState())
                                        .chain(() -> DuplicateRule.activeOf(o.tenantId))
                                        .chain(rules -> duplicates.enforce(o.tenantId, rules, DuplicateRule.AppliesTo.CREATE, subject, o.id)
                                                .chain(warnings -> o.<Opportunity>persistAndFlush()
                                                        .call(saved -> duplicates.record(o.tenantId, saved.id, rules, subject))
                                                        .call(saved -> opportunities.emit(saved, OpportunityEvents.UPDATED,
                                                                new OpportunityEvents.Changed(saved.toState(), caller.employeeId())))
                                                        .call(saved -> flow.isEmpty() ? Uni.createFrom().voidItem()
                                                                : opportunities.emit(saved, ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY,
                                                                new ApprovalEvents.ApprovalRequest(saved.approvalRequestId,
                                                                        ApprovalEvents.Trigger.OPPORTUNITY_CREATION, flow.get().id(),
                                                                        saved.toState(), null, null, caller.employeeId(), saved.updatedAt)))
                                                        .map(saved -> new OpportunityService.Created(saved, items, warnings))));
                            }));
                }))
                .call(() -> holdings.confirm(ticket))
                .onFailure().call(() -> holdings.release(ticket));
    }
}
