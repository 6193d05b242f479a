package io.oppsuite.holding.reservation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.holding.limit.RuleUsage;
import io.oppsuite.holding.limit.ScopeType;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The reservation contract opportunity-service calls before it creates, claims, assigns, re-owns or imports. */
@Path("/holdings/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Reservations", description = "Atomic reservations of a place under an owner's holding limits, taken before a write and confirmed after it.")
public class ReservationResource {

    public static final String LIMIT_EXCEEDED_TYPE = "holding-limit-exceeded";

    @Inject
    CallerContext callerContext;

    @Inject
    ReservationService reservations;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "createHoldingReservation", summary = "Reserve a place for an opportunity under its owner's holding limits",
            description = "Atomic: with limit L, of N concurrent reservations exactly L are granted. Idempotent on "
                    + "(tenant, opportunityId, ownerId) while open. counted=false when the opportunity does not meet the "
                    + "holding definition. Unconfirmed reservations stop counting at expiresAt, confirmed ones when the "
                    + "opportunity's event arrives or at the confirmed TTL. The caller must be the owner, the manager of the "
                    + "owner's department (per the directory), an admin, or an EDIT member of the deal's sales team reserving "
                    + "that existing deal for its current owner under its stored department (else 403). departmentId in the answer is the "
                    + "department the opportunity is filed under: a rep's own, a manager's own, or for an admin the one asked for; "
                    + "another one is 422 department-not-allowed, one that does not exist 422 unknown-department.")
    @APIResponse(responseCode = "201", description = "Reserved", content = @Content(schema = @Schema(implementation = ReservationView.class), examples = @ExampleObject(name = "granted",
            value = "{\"reservationId\":\"0b5f...\",\"counted\":true,\"expiresAt\":\"2026-01-01T10:00:30Z\",\"status\":\"PENDING\"}")))
    @APIResponse(responseCode = "409", description = "A rule has no headroom", content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(name = "refused", value = "{\"type\":\"https://oppsuite.io/problems/holding-limit-exceeded\","
                    + "\"title\":\"Holding limit reached\",\"status\":409,\"ruleId\":\"...\",\"ruleName\":\"Max 20 per rep\","
                    + "\"limit\":20,\"current\":20,\"scope\":\"EMPLOYEE\",\"scopeId\":\"e-1\",\"ownerId\":\"e-1\"}")))
    @APIResponse(responseCode = "400", description = "Malformed request")
    @APIResponse(responseCode = "403", description = "The caller may not act for this owner (nor edits this existing deal of theirs as a sales team member)")
    @APIResponse(responseCode = "422", description = "Department not allowed or unknown")
    public Uni<Response> reserve(@Valid @NotNull ReservationRequest request) {
        Caller caller = callerContext.current();
        return reservations.reserve(caller, request).map(outcome -> {
            if (outcome.refusal() != null) {
                throw refusal(outcome.refusal(), request.ownerId());
            }
            return Response.status(Response.Status.CREATED).entity(ReservationView.of(outcome.reservation(), Instant.now())).build();
        });
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "getHoldingReservation", summary = "A reservation and its status", description = "PENDING, EXPIRED (pending past expiresAt), CONFIRMED, "
            + "SETTLED (the opportunity's own event is in; its holding counts now) or RELEASED.")
    @APIResponse(responseCode = "404", description = "No such reservation the caller may act for")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ReservationView.class)))
    public Uni<ReservationView> get(@PathParam("id") UUID id) {
        return reservations.find(callerContext.current(), id).map(r -> ReservationView.of(r, Instant.now()));
    }

    @POST
    @Path("{id}/confirm")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "confirmHoldingReservation", summary = "The write succeeded: keep counting until the opportunity's event arrives (idempotent)",
            description = "Counts on until the event settles it or the confirmed TTL (holding.reservation.confirmed-ttl) passes.")
    @APIResponse(responseCode = "204", description = "Confirmed")
    @APIResponse(responseCode = "404", description = "No such reservation the caller may act for")
    @APIResponse(responseCode = "409", description = "Already released")
    public Uni<Void> confirm(@PathParam("id") UUID id) {
        return reservations.confirm(callerContext.current(), id);
    }

    @DELETE
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "releaseHoldingReservation", summary = "The write failed or was rejected: free the place (idempotent)")
    @APIResponse(responseCode = "204", description = "Released")
    @APIResponse(responseCode = "404", description = "No such reservation the caller may act for")
    public Uni<Void> release(@PathParam("id") UUID id) {
        return reservations.release(callerContext.current(), id);
    }

    static RuntimeException refusal(RuleUsage usage, String ownerId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ruleId", usage.rule().id());
        fields.put("ruleName", usage.rule().name());
        fields.put("limit", usage.limit());
        fields.put("current", usage.current());
        fields.put("scope", usage.scope().type() == ScopeType.EMPLOYEES ? "EMPLOYEE" : usage.scope().type().name());
        fields.put("scopeId", usage.scope().id());
        fields.put("ownerId", ownerId);
        return Problems.conflict(LIMIT_EXCEEDED_TYPE, "Holding limit reached", "rule '" + usage.rule().name() + "' allows "
                + usage.limit() + " and " + usage.current() + " are held", fields);
    }
}
