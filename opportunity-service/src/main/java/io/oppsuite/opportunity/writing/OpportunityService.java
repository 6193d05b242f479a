package io.oppsuite.opportunity.writing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.BoundedJson;
import io.oppsuite.common.web.BoundedJsonValidator;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.opportunity.approvalflow.ApprovalFlows;
import io.oppsuite.opportunity.approvalflow.ApprovalHold;
import io.oppsuite.opportunity.core.Amounts;
import io.oppsuite.opportunity.core.CreateOpportunity;
import io.oppsuite.opportunity.core.LifecycleStatus;
import io.oppsuite.opportunity.core.LineItem;
import io.oppsuite.opportunity.core.LineItemInput;
import io.oppsuite.opportunity.core.Opportunities;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.core.OpportunityPatch;
import io.oppsuite.opportunity.core.OpportunityPublisher;
import io.oppsuite.opportunity.core.OwnerChanges;
import io.oppsuite.opportunity.core.SalesTeamMember;
import io.oppsuite.opportunity.core.SalesTeamRules;
import io.oppsuite.opportunity.core.TeamMemberInput;
import io.oppsuite.opportunity.core.UpdateOpportunity;
import io.oppsuite.opportunity.core.Written;
import io.oppsuite.opportunity.duplicate.DuplicateChecks;
import io.oppsuite.opportunity.duplicate.DuplicateKeys;
import io.oppsuite.opportunity.duplicate.DuplicateRule;
import io.oppsuite.opportunity.holding.HoldingReservations;
import io.oppsuite.opportunity.pool.PoolMoves;
import io.oppsuite.opportunity.pool.PoolService;
import io.oppsuite.opportunity.process.SalesProcesses;
import io.oppsuite.opportunity.stage.StageEntryGuard;
import io.oppsuite.opportunity.stage.StageHistoryEntry;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The deal's own writes (create, PATCH, line items, owner change, delete), each held to every
 * feature's rules: the stage's entry conditions, duplicate rules, the owner's holding limit, a
 * pending approval's hold. Its public entry points open their session or transaction; the steps
 * they share ({@link #prepare}, {@link #persist}, {@link #ownerChanged}) run in the caller's.
 */
@ApplicationScoped
public class OpportunityService implements OwnerChanges {

    @Inject
    SalesProcesses processes;

    @Inject
    Opportunities opportunities;

    @Inject
    OpportunityPublisher publisher;

    @Inject
    ObjectMapper mapper;

    @Inject
    DuplicateChecks duplicates;

    @Inject
    ApprovalFlows approvalFlows;

    @Inject
    HoldingReservations holdings;

    @Inject
    StageEntryGuard stageGuard;

    @Inject
    PoolService pools;

    @Inject
    Validator validator;

    /** GET: the deal with its line items, for whoever may see it or look into the pool it sits in. */
    @WithSession
    public Uni<Written> read(Caller caller, UUID id) {
        return pools.readable(caller, id).chain(opportunities::withLineItems);
    }

    /** PATCH, in a transaction of its own with the owner's holding reservation around it. */
    public Uni<Written> update(Caller caller, UUID id, Long expectedVersion, JsonNode patch) {
        HoldingReservations.Ticket ticket = holdings.ticket();
        return holdings.inTransaction(ticket, () -> update(caller, id, expectedVersion, patch, ticket));
    }

    /** PUT line items, in a transaction of its own with the owner's holding reservation around it. */
    public Uni<Written> replaceLineItems(Caller caller, UUID id, Long expectedVersion, List<LineItemInput> inputs) {
        HoldingReservations.Ticket ticket = holdings.ticket();
        return holdings.inTransaction(ticket, () -> replaceLineItems(caller, id, expectedVersion, inputs, ticket));
    }

    /** Assign, change owner, take over: in a transaction of its own with the new owner's holding reservation around it. */
    public Uni<Written> changeOwner(Caller caller, UUID id, Long expectedVersion, String ownerId, String departmentId) {
        HoldingReservations.Ticket ticket = holdings.ticket();
        return holdings.inTransaction(ticket, () -> changeOwner(caller, id, expectedVersion, ownerId, departmentId, ticket)
                .chain(opportunities::withLineItems));
    }

    /** An opportunity built from a create request, not yet written: what holding-service is asked to reserve for. */
    public record Draft(Opportunity opportunity, List<LineItem> lineItems, ApprovalEvents.FlowSnapshot creationFlow,
                        List<SalesTeamMember> salesTeam) {
    }

    /**
     * First half of the one create path (REST create, import rows, lead conversions): validates and
     * builds the opportunity, in a session, writing nothing.
     */
    public Uni<Draft> prepare(Caller caller, CreateOpportunity request, String leadId) {
        String customFields = customFieldsJson(request.customFields());
        // the owner rule; holding-service checks it again with the directory's departments when it reserves
        if (request.ownerId() != null && !caller.mayActFor(request.ownerId(),
                request.departmentId() != null ? request.departmentId() : caller.departmentId())) {
            throw Problems.forbidden("you create opportunities for yourself" + (caller.isManager() ? " or your department" : "")
                    + "; ownerId " + request.ownerId() + " is not one of them");
        }
        Uni<Void> leadFree = leadId == null ? Uni.createFrom().voidItem()
                // the unique index (tenant, lead id) settles races; this gives the usual case a clear answer
                : Opportunity.<Opportunity>find("tenantId = ?1 and leadId = ?2", caller.tenantId(), leadId).firstResult().invoke(existing -> {
                    if (existing != null) {
                        throw leadAlreadyConverted(leadId, existing);
                    }
                }).replaceWithVoid();
        return leadFree.chain(() -> processes.require(caller.tenantId(), request.salesProcessId())).chain(process -> {
            SalesProcessSnapshot.Stage first = process.firstInProgress().orElseThrow(() -> Problems.unprocessable(
                    "process-without-stages", "Sales process has no in-progress stage",
                    "sales process " + process.id() + " cannot take new opportunities", Map.of()));
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Opportunity o = new Opportunity();
            o.id = UUID.randomUUID();
            o.tenantId = caller.tenantId();
            o.name = request.name().trim();
            o.nameNormalized = DuplicateKeys.normalizeName(o.name);
            o.accountId = request.accountId();
            o.accountName = request.accountName();
            o.ownerId = request.ownerId() == null ? caller.employeeId() : request.ownerId();
            o.departmentId = request.departmentId() == null ? caller.departmentId() : request.departmentId();
            o.currency = request.currency();
            o.winRate = request.winRate() != null ? request.winRate()
                    : BigDecimal.valueOf(first.defaultWinRate() == null ? 0 : first.defaultWinRate());
            o.expectedCloseDate = request.expectedCloseDate();
            o.salesProcessId = process.id();
            o.stageKey = first.key();
            o.stageType = first.type();
            o.status = LifecycleStatus.ACTIVE;
            o.stageEnteredAt = now;
            o.createdAt = now;
            o.updatedAt = now;
            o.createdBy = caller.employeeId();
            o.customFields = customFields;
            o.leadId = leadId;
            o.contactId = request.contactId();
            o.contactName = request.contactName();
            List<LineItem> items = lineItems(o, request.lineItems());
            SalesTeamRules.require(request.salesTeam(), o.ownerId);
            List<SalesTeamMember> team = new ArrayList<>();
            for (TeamMemberInput member : request.salesTeam() == null ? List.<TeamMemberInput>of() : request.salesTeam()) {
                // one microsecond apart: they join in the order named, and the team reads back in that order
                team.add(SalesTeamMember.joining(o, member, caller.employeeId(), now.plus(team.size(), ChronoUnit.MICROS)));
            }
            o.amount = items.isEmpty()
                    ? (request.amount() == null ? BigDecimal.ZERO : request.amount())
                    : Amounts.total(request.lineItems());
            JsonNode subject = opportunities.subject(o, items);
            stageGuard.require(process, first.key(), subject);
            return stageGuard.requireTransitionOwner(caller, process, first.key())
                    .chain(() -> approvalFlows.creationFlow(caller.tenantId(), process.id(), subject)).map(flow -> {
                if (flow.isPresent()) {
                    o.status = LifecycleStatus.PENDING_APPROVAL;
                    o.approvalRequestId = UUID.randomUUID().toString();
                    o.approvalWatchedFields = ApprovalHold.watched(flow.get().conditions());
                }
                return new Draft(o, items, flow.orElse(null), team);
            });
        });
    }

    /**
     * Second half, inside the write's transaction: duplicate rules (lock, check, record), the rows,
     * the history's first entry, opportunity.created and, when a creation flow applies,
     * opportunity.approval-requested.
     */
    public Uni<Written> persist(Caller caller, Draft draft, DuplicateRule.AppliesTo operation) {
        Opportunity o = draft.opportunity();
        List<LineItem> items = draft.lineItems();
        DuplicateKeys.Subject subject = DuplicateKeys.of(o, items);
        return DuplicateRule.activeOf(caller.tenantId()).chain(rules -> duplicates
                .enforce(caller.tenantId(), rules, operation, subject, null)
                .chain(warnings -> o.<Opportunity>persist()
                        .call(saved -> LineItem.persistAll(items))
                        .call(saved -> StageHistoryEntry.record(saved, null, caller.employeeId(), null).persist())
                        .call(saved -> duplicates.record(caller.tenantId(), saved.id, rules, subject))
                        .call(saved -> publisher.emit(saved, OpportunityEvents.CREATED, new OpportunityEvents.Changed(saved.toState(), caller.employeeId()), saved.createdAt))
                        .call(saved -> joinTeam(saved, draft.salesTeam(), caller.employeeId()))
                        .call(saved -> draft.creationFlow() == null ? Uni.createFrom().voidItem()
                                : publisher.emit(saved, ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY, new ApprovalEvents.ApprovalRequest(
                                        saved.approvalRequestId, ApprovalEvents.Trigger.OPPORTUNITY_CREATION, draft.creationFlow().id(),
                                        saved.toState(), null, null, caller.employeeId(), saved.createdAt)))
                        .map(saved -> new Written(saved, items, warnings))));
    }

    /** The team a create names, written after the deal, one opportunity.sales-team-changed per member as it joins. */
    private Uni<Void> joinTeam(Opportunity saved, List<SalesTeamMember> team, String by) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < team.size(); i++) {
            SalesTeamMember member = team.get(i);
            List<OpportunityEvents.TeamMember> after = SalesTeamMember.contract(team.subList(0, i + 1));
            chain = chain.chain(() -> member.<SalesTeamMember>persist().chain(m -> publisher.emit(saved, OpportunityEvents.SALES_TEAM_CHANGED,
                    new OpportunityEvents.SalesTeamChanged(saved.toState(), after, OpportunityEvents.TeamChange.ADDED, m.toContract(), by),
                    saved.createdAt)));
        }
        return chain;
    }

    /** Names the lead's opportunity: a rejected or withdrawn one is resubmitted (POST /opportunities/{id}/resubmit), not converted again. */
    static io.quarkiverse.resteasy.problem.HttpProblem leadAlreadyConverted(String leadId, Opportunity existing) {
        String hint = existing.status.unsubmitted() ? "; its opportunity " + existing.id + " is " + existing.status
                + ": edit it and resubmit it (POST /opportunities/" + existing.id + "/resubmit)" : "";
        return Problems.conflict("lead-already-converted", "Lead already converted",
                "lead " + leadId + " has already been converted" + hint,
                Map.of("leadId", leadId, "opportunityId", existing.id.toString(), "opportunityStatus", existing.status.name()));
    }

    /**
     * PATCH as JSON Merge Patch ({@link OpportunityPatch}); If-Match guards it. A patch that changes
     * nothing writes nothing and emits nothing (the version stays). The stage's entry conditions
     * and the duplicate rules for updates apply to the result.
     */
    private Uni<Written> update(Caller caller, UUID id, Long expectedVersion, JsonNode patch, HoldingReservations.Ticket holding) {
        return opportunities.editableForUpdate(caller, id).chain(o -> {
            Preconditions.requireVersion(id, expectedVersion, o.version);
            requireOpen(o);
            OpportunityPatch.Merged merged = new OpportunityPatch(mapper).merge(o, patch);
            Set<ConstraintViolation<UpdateOpportunity>> violations = validator.validate(merged.fields());
            if (!violations.isEmpty()) {
                throw Problems.invalidBody(violations);
            }
            return LineItem.of(caller.tenantId(), id).chain(items -> {
                if (!merged.changes()) {
                    return Uni.createFrom().item(new Written(o, items, List.of()));
                }
                UpdateOpportunity next = merged.fields();
                OpportunityState previous = o.toState();
                // what a pending approval decides on, as it stands before the change
                JsonNode before = o.approvalWatchedFields == null ? null : opportunities.subject(o, List.of());
                if (next.amount().compareTo(o.amount) != 0 && !items.isEmpty()) {
                    throw Problems.unprocessable("amount-from-line-items", "Amount comes from line items",
                            "the opportunity has line items; its amount is their total", Map.of());
                }
                o.name = next.name().trim();
                o.nameNormalized = DuplicateKeys.normalizeName(o.name);
                o.accountId = next.accountId();
                o.accountName = next.accountName();
                o.amount = next.amount();
                o.currency = next.currency();
                o.winRate = next.winRate();
                o.expectedCloseDate = next.expectedCloseDate();
                o.contactId = next.contactId();
                o.contactName = next.contactName();
                o.customFields = next.customFields() == null || next.customFields().isEmpty() ? null : customFieldsJson(next.customFields());
                if (before != null) {
                    ApprovalHold.refuseChanges(o.approvalRequestId, o.approvalWatchedFields, before, opportunities.subject(o, List.of()));
                }
                o.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                return written(caller, o, items, holding, previous);
            });
        });
    }

    /** Replaces the line items in one call (BULK_EDIT_SUB_OBJECTS); the amount becomes their total. */
    private Uni<Written> replaceLineItems(Caller caller, UUID id, Long expectedVersion, List<LineItemInput> inputs,
                                         HoldingReservations.Ticket holding) {
        return opportunities.editableForUpdate(caller, id).chain(o -> {
            Preconditions.requireVersion(id, expectedVersion, o.version);
            requireOpen(o);
            OpportunityState previous = o.toState();
            // what a pending approval decides on, as it stands before the change
            JsonNode before = o.approvalWatchedFields == null ? null : opportunities.subject(o, List.of());
            List<LineItem> items = lineItems(o, inputs);
            o.amount = Amounts.total(inputs);
            if (before != null) {
                ApprovalHold.refuseChanges(o.approvalRequestId, o.approvalWatchedFields, before, opportunities.subject(o, List.of()));
            }
            o.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            DuplicateKeys.Subject subject = DuplicateKeys.of(o, items);
            return requireStageConditions(o, items)
                    .chain(() -> reserveForOwner(holding, o))
                    .chain(() -> LineItem.deleteOf(caller.tenantId(), id))
                    .chain(() -> DuplicateRule.activeOf(caller.tenantId()).map(rules -> DuplicateRule.inForce(o, rules)))
                    .chain(rules -> duplicates.enforce(caller.tenantId(), rules, DuplicateRule.AppliesTo.UPDATE, subject, o.id)
                            .chain(warnings -> LineItem.persistAll(items)
                                    .chain(() -> o.<Opportunity>persistAndFlush())
                                    .call(saved -> duplicates.record(caller.tenantId(), saved.id, rules, subject))
                                    .call(saved -> publisher.emit(saved, OpportunityEvents.UPDATED,
                                            OpportunityEvents.Changed.updated(previous, saved.toState(), caller.employeeId()), saved.updatedAt))
                                    .map(saved -> new Written(saved, items, warnings))));
        });
    }

    /** Hands the opportunity to another employee (assign / change owner), also out of a pool. */
    private Uni<Opportunity> changeOwner(Caller caller, UUID id, Long expectedVersion, String ownerId, String departmentId,
                                         HoldingReservations.Ticket holding) {
        return opportunities.ownedForUpdate(caller, id).chain(o -> {
            Preconditions.requireVersion(id, expectedVersion, o.version);
            requireOpen(o);
            // the owner rule: a rep hands nothing to a colleague; holding-service checks it again with the directory
            if (!caller.mayActFor(ownerId, departmentId != null ? departmentId : o.departmentId)) {
                throw Problems.forbidden("you may give opportunities only to yourself" + (caller.isManager() ? " or your department" : "")
                        + "; " + ownerId + " is not one of them");
            }
            String previousOwner = o.ownerId;
            String previousDepartment = o.departmentId;
            UUID previousPool = o.poolId;
            PoolMoves.leavePool(o);
            o.ownerId = ownerId;
            if (departmentId != null) {
                o.departmentId = departmentId;
            }
            o.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            // the new owner's place is reserved before the write (and the directory names the department);
            // the caller confirms after commit
            Uni<Void> reserved = ownerId.equals(previousOwner) && (departmentId == null || departmentId.equals(previousDepartment))
                    ? Uni.createFrom().voidItem()
                    : holdings.reserve(holding, o.toState(), departmentId).invoke(department -> {
                        if (department != null) {
                            o.departmentId = department;
                        }
                    }).replaceWithVoid();
            return reserved.chain(() -> ownerChanged(caller, o, previousOwner, previousDepartment, previousPool, null));
        });
    }

    /**
     * Writes an owner change already made on {@code o} (assign, change owner, return to a pool,
     * claim from one): the row, the owner-dependent duplicate keys and opportunity.owner-changed.
     * In the caller's transaction.
     */
    @Override
    public Uni<Opportunity> ownerChanged(Caller caller, Opportunity o, String previousOwner, String previousDepartment,
                                         UUID previousPool, String reason) {
        // back in a pool it has no owner: conditions on the owner are the claimant's to meet
        return LineItem.of(o.tenantId, o.id).call(items -> o.ownerId == null ? Uni.createFrom().voidItem() : requireStageConditions(o, items))
                .chain(items -> DuplicateRule.activeOf(o.tenantId).map(rules -> DuplicateRule.inForce(o, rules))
                .chain(rules -> o.<Opportunity>persistAndFlush()
                        .call(saved -> duplicates.record(o.tenantId, saved.id, rules, DuplicateKeys.of(saved, items)))
                        .call(saved -> publisher.emit(saved, OpportunityEvents.OWNER_CHANGED, new OpportunityEvents.OwnerChanged(saved.toState(),
                                previousOwner, previousDepartment, caller.employeeId(),
                                previousPool == null ? null : previousPool.toString(), reason), saved.updatedAt))));
    }

    /** Deletes the deal, in a transaction of its own; a Won, Lost or Invalid one only by an admin (403): it records what happened. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id, Long expectedVersion) {
        return opportunities.ownedForUpdate(caller, id).chain(o -> {
            Preconditions.requireVersion(id, expectedVersion, o.version);
            boolean closed = o.status == LifecycleStatus.WON || o.status == LifecycleStatus.LOST || o.status == LifecycleStatus.INVALID;
            if (closed && !caller.isAdmin()) {
                throw Problems.forbidden("opportunity " + id + " is " + o.status + ": only an admin deletes a closed deal; reopen it instead");
            }
            return duplicates.record(caller.tenantId(), id, List.of(), DuplicateKeys.of(o, List.of()))
                    .chain(() -> publisher.emit(o, OpportunityEvents.DELETED, new OpportunityEvents.Changed(o.toState(), caller.employeeId())))
                    .chain(() -> o.delete());
        });
    }

    /**
     * A changed opportunity's write: stage conditions, the owner's holding place (the holding
     * definition may read any field, so an open, owned deal is reserved for again: holding-service
     * answers at once when it already counts), duplicate rules for updates, the row, opportunity.updated.
     */
    private Uni<Written> written(Caller caller, Opportunity o, List<LineItem> items, HoldingReservations.Ticket holding,
                                 OpportunityState previous) {
        DuplicateKeys.Subject subject = DuplicateKeys.of(o, items);
        return requireStageConditions(o, items)
                .chain(() -> reserveForOwner(holding, o))
                .chain(() -> DuplicateRule.activeOf(caller.tenantId()).map(rules -> DuplicateRule.inForce(o, rules))).chain(rules -> duplicates
                .enforce(caller.tenantId(), rules, DuplicateRule.AppliesTo.UPDATE, subject, o.id)
                .chain(warnings -> o.<Opportunity>persistAndFlush()
                        .call(saved -> duplicates.record(caller.tenantId(), saved.id, rules, subject))
                        .call(saved -> publisher.emit(saved, OpportunityEvents.UPDATED,
                                OpportunityEvents.Changed.updated(previous, saved.toState(), caller.employeeId()), saved.updatedAt))
                        .map(saved -> new Written(saved, items, warnings))));
    }

    /**
     * A changed deal that can count in its owner's holdings (owned, open, in an in-progress stage)
     * is reserved for again: the holding definition may read any field, and holding-service
     * grants at once when the deal already counts.
     */
    private Uni<Void> reserveForOwner(HoldingReservations.Ticket holding, Opportunity o) {
        boolean counts = o.ownerId != null && o.stageType == io.oppsuite.common.contracts.StageType.IN_PROGRESS
                && (o.status == LifecycleStatus.ACTIVE || o.status == LifecycleStatus.PENDING_APPROVAL);
        return counts ? holdings.reserve(holding, o.toState()) : Uni.createFrom().voidItem();
    }

    /** The deal, as it will be written, must meet the entry conditions of the stage it is in (422 otherwise). */
    private Uni<Void> requireStageConditions(Opportunity o, List<LineItem> items) {
        return stageGuard.require(o.tenantId, o.salesProcessId, o.stageKey, () -> Uni.createFrom().item(opportunities.subject(o, items)));
    }

    private static void requireOpen(Opportunity o) {
        if (o.status != LifecycleStatus.ACTIVE && o.status != LifecycleStatus.PENDING_APPROVAL && !o.status.unsubmitted()) {
            throw Problems.unprocessable("opportunity-closed", "Opportunity closed",
                    "opportunity " + o.id + " is " + o.status + " and can no longer change", Map.of("opportunityStatus", o.status.name()));
        }
    }

    private static List<LineItem> lineItems(Opportunity o, List<LineItemInput> inputs) {
        List<LineItem> items = new ArrayList<>();
        if (inputs == null) {
            return items;
        }
        int position = 0;
        for (LineItemInput in : inputs) {
            if (in.currency() != null && !in.currency().equals(o.currency)) {
                throw Problems.unprocessable("line-item-currency", "Line items are in the deal's currency",
                        "line item " + (position + 1) + " names " + in.currency() + "; the opportunity is in " + o.currency
                                + " and its line items with it", Map.of("currency", o.currency, "lineItemCurrency", in.currency()));
            }
            LineItem li = new LineItem();
            li.id = UUID.randomUUID();
            li.tenantId = o.tenantId;
            li.opportunityId = o.id;
            li.position = position++;
            li.productId = in.productId();
            li.productName = in.productName();
            li.productLine = in.productLine();
            li.quantity = in.quantity();
            li.unitPrice = in.unitPrice();
            li.discountPercent = in.discountPercent() == null ? BigDecimal.ZERO : in.discountPercent();
            li.amount = Amounts.lineAmount(in.quantity(), in.unitPrice(), in.discountPercent());
            items.add(li);
        }
        return items;
    }

    private String customFieldsJson(ObjectNode customFields) {
        if (customFields == null) {
            return null;
        }
        try {
            // the same limits as @BoundedJson on the request, for the paths that build a request themselves (import, leads)
            if (!BoundedJsonValidator.within(customFields, BoundedJson.DEFAULT_MAX_DEPTH, BoundedJson.DEFAULT_MAX_BYTES)) {
                throw Problems.badRequest("customFields must be JSON of at most " + BoundedJson.DEFAULT_MAX_DEPTH + " levels and "
                        + BoundedJson.DEFAULT_MAX_BYTES + " bytes");
            }
            return mapper.writeValueAsString(customFields);
        } catch (JsonProcessingException e) {
            throw Problems.badRequest("customFields must be a JSON object");
        }
    }
}
