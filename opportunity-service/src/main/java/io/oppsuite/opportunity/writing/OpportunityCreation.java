package io.oppsuite.opportunity.writing;

import io.oppsuite.common.idempotency.IdempotentRequests;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.opportunity.core.CreateOpportunity;
import io.oppsuite.opportunity.core.Written;
import io.oppsuite.opportunity.duplicate.DuplicateRule;
import io.oppsuite.opportunity.holding.HoldingReservations;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The create path with its holding reservation around the write: build (session) → reserve with
 * holding-service → write (transaction: duplicates, rows, outbox) → confirm after commit, or
 * release when anything failed. Used by REST create, import rows and lead conversions.
 */
@ApplicationScoped
public class OpportunityCreation {

    @Inject
    OpportunityService service;

    @Inject
    HoldingReservations holdings;

    @Inject
    IdempotentRequests idempotency;

    /** A create answered as HTTP: 201 with Location and ETag; an Idempotency-Key replays the first answer. */
    public Uni<Response> createResponse(Caller caller, CreateOpportunity request, String leadId,
                                        String idempotencyKey) {
        HoldingReservations.Ticket ticket = holdings.ticket();
        return Panache.withSession(() -> service.prepare(caller, request, leadId))
                .call(draft -> reserve(ticket, draft, request))
                .chain(draft -> Panache.withTransaction(() -> idempotency.once(caller, idempotencyKey,
                        request,
                        () -> service.persist(caller, draft, DuplicateRule.AppliesTo.CREATE).map(OpportunityCreation::created))))
                // a replay wrote nothing: the place reserved for it goes back
                .call(response -> response.getHeaderString(IdempotentRequests.REPLAYED_HEADER) != null
                        ? holdings.release(ticket) : holdings.confirm(ticket))
                .onFailure().call(() -> holdings.release(ticket));
    }

    /** One create (e.g. an import row) in its own transaction; nothing of it is written when it fails. */
    public Uni<Written> create(Caller caller, CreateOpportunity request,
                                                  DuplicateRule.AppliesTo operation) {
        HoldingReservations.Ticket ticket = holdings.ticket();
        return Panache.withSession(() -> service.prepare(caller, request, null))
                .call(draft -> reserve(ticket, draft, request))
                .chain(draft -> Panache.withTransaction(() -> service.persist(caller, draft, operation)))
                .call(created -> holdings.confirm(ticket))
                .onFailure().call(() -> holdings.release(ticket));
    }

    /** The place under the owner's limit; the deal takes the department the directory gives it. */
    private Uni<Void> reserve(HoldingReservations.Ticket ticket, OpportunityService.Draft draft, CreateOpportunity request) {
        return holdings.reserve(ticket, draft.opportunity().toState(), request.departmentId()).invoke(department -> {
            if (department != null) {
                draft.opportunity().departmentId = department;
            }
        }).replaceWithVoid();
    }

    static Response created(Written created) {
        return Response.created(URI.create("/opportunities/" + created.opportunity().id))
                .tag(String.valueOf(created.opportunity().version))
                .entity(created.view()).build();
    }
}
