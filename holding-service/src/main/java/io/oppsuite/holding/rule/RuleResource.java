package io.oppsuite.holding.rule;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import io.oppsuite.holding.directory.Department;
import io.oppsuite.holding.directory.UserGroup;

import io.oppsuite.common.contracts.HoldingEvents;
import io.oppsuite.common.events.DomainEvent;
import io.oppsuite.common.events.Outbox;
import io.oppsuite.common.events.Topics;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.holding.limit.ScopeType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Admin CRUD of holding rules; each change is published as holding-rule.changed. */
@Path("/holding-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Holding rules", description = "How many open deals an employee, department or user group may hold, and which deals count.")
public class RuleResource {

    static final String INVALID = "invalid-holding-rule";
    static final String TITLE = "Invalid holding rule";

    @Inject
    CallerContext callerContext;

    @Inject
    Outbox outbox;

    @POST
    @WithTransaction
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createHoldingRule", summary = "Create a holding rule", description = "scope EMPLOYEES (each employee matching employeeConditions on "
            + "their own), DEPARTMENT or USER_GROUP (scopeId's members together). Exactly one of limit (a number) or limitField "
            + "(an employee numeric attribute, e.g. quota). opportunityConditions narrow which held opportunities count. "
            + "employeeConditions see the employee as {id, name, departmentId, managerId, userGroups, attributes: {quota, level, ...}}, "
            + "e.g. {\"field\":\"attributes.level\",\"operator\":\"LT\",\"value\":3}.")
    @APIResponse(responseCode = "201", description = "Created; ETag carries the version", content = @Content(schema = @Schema(implementation = RuleView.class)), headers = {@Header(ref = "ETag"), @Header(ref = "Location")})
    @APIResponse(responseCode = "422", description = "Inconsistent rule (both or neither limit, missing scopeId, bad condition)")
    public Uni<Response> create(@Valid @NotNull RuleRequest request) {
        Caller caller = callerContext.current();
        HoldingRule rule = new HoldingRule();
        rule.id = UUID.randomUUID();
        rule.tenantId = caller.tenantId();
        rule.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        apply(rule, request);
        return requireScope(caller, request).chain(() -> rule.<HoldingRule>persistAndFlush()).call(this::publish)
                .map(saved -> Response.created(URI.create("/holding-rules/" + saved.id)).tag(String.valueOf(saved.version))
                        .entity(RuleView.of(saved)).build());
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "listHoldingRules", summary = "The tenant's holding rules")
    public Uni<List<RuleView>> list() {
        return HoldingRule.ofTenant(callerContext.current().tenantId()).map(l -> l.stream().map(RuleView::of).toList());
    }

    @GET
    @Path("{id}")
    @WithSession
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "getHoldingRule", summary = "One holding rule")
    @APIResponse(responseCode = "404", description = "No such rule in the caller's tenant")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = RuleView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> get(@PathParam("id") UUID id) {
        return find(callerContext.current(), id).map(r -> Response.ok(RuleView.of(r)).tag(String.valueOf(r.version)).build());
    }

    @PUT
    @Path("{id}")
    @WithTransaction
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceHoldingRule", summary = "Replace a holding rule", description = "If-Match with the ETag guards against lost updates (412).")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = RuleView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> update(@PathParam("id") UUID id, @Valid @NotNull RuleRequest request, @HeaderParam("If-Match") String ifMatch) {
        Long expected = Preconditions.ifMatchVersion(ifMatch);
        Caller caller = callerContext.current();
        return find(caller, id).call(rule -> requireScope(caller, request)).chain(rule -> {
            Preconditions.requireVersion(id, expected, rule.version);
            apply(rule, request);
            return rule.<HoldingRule>persistAndFlush().call(this::publish)
                    .map(saved -> Response.ok(RuleView.of(saved)).tag(String.valueOf(saved.version)).build());
        });
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteHoldingRule", summary = "Delete a holding rule", description = "If-Match with the ETag: the rule deleted is the one the caller saw.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        Caller caller = callerContext.current();
        long expected = Preconditions.ifMatchVersion(ifMatch);
        return find(caller, id).invoke(rule -> Preconditions.requireVersion(id, expected, rule.version)).call(rule -> rule.delete())
                .call(rule -> outbox.append(new DomainEvent(Topics.HOLDING_EVENTS, HoldingEvents.RULE_CHANGED, caller.tenantId(),
                        id.toString(), new RuleView.Changed(id.toString(), true, null))))
                .map(ignored -> Response.noContent().build());
    }

    /** A DEPARTMENT or USER_GROUP rule names one of the tenant's directory: another id is a 422. */
    private static Uni<Void> requireScope(Caller caller, RuleRequest request) {
        if (request.scopeId() == null || request.scope() == ScopeType.EMPLOYEES) {
            return Uni.createFrom().voidItem();
        }
        Uni<Boolean> exists = request.scope() == ScopeType.DEPARTMENT
                ? Department.findInTenant(caller.tenantId(), request.scopeId()).map(d -> d != null)
                : UserGroup.findInTenant(caller.tenantId(), request.scopeId()).map(g -> g != null);
        return exists.invoke(known -> {
            if (!known) {
                throw Problems.unprocessable(INVALID, TITLE, (request.scope() == ScopeType.DEPARTMENT ? "department " : "user group ")
                        + request.scopeId() + " does not exist", Map.of("scopeId", request.scopeId()));
            }
        }).replaceWithVoid();
    }

    private Uni<String> publish(HoldingRule rule) {
        return outbox.append(new DomainEvent(Topics.HOLDING_EVENTS, HoldingEvents.RULE_CHANGED, rule.tenantId, rule.id.toString(),
                new RuleView.Changed(rule.id.toString(), false, RuleView.of(rule))));
    }

    private Uni<HoldingRule> find(Caller caller, UUID id) {
        return HoldingRule.findInTenant(caller.tenantId(), id).map(r -> {
            if (r == null) {
                throw Problems.notFound("Holding rule", id);
            }
            return r;
        });
    }

    private static void apply(HoldingRule rule, RuleRequest request) {
        if ((request.limit() == null) == (request.limitField() == null)) {
            throw Problems.unprocessable(INVALID, TITLE, "give exactly one of 'limit' (a number) or 'limitField' (an employee attribute)", Map.of());
        }
        boolean grouped = request.scope() != ScopeType.EMPLOYEES;
        if (grouped && request.scopeId() == null) {
            throw Problems.unprocessable(INVALID, TITLE, request.scope() + " rules need 'scopeId' (the department or user group id)", Map.of());
        }
        if (grouped && request.limitField() != null) {
            throw Problems.unprocessable(INVALID, TITLE, "a " + request.scope() + " rule limits its members together: give a fixed 'limit'", Map.of());
        }
        if (!grouped && request.scopeId() != null) {
            throw Problems.unprocessable(INVALID, TITLE, "EMPLOYEES rules select people by 'employeeConditions', not 'scopeId'", Map.of());
        }
        if (grouped && request.employeeConditions() != null && !request.employeeConditions().isEmpty()) {
            throw Problems.unprocessable(INVALID, TITLE, "'employeeConditions' apply to EMPLOYEES rules only", Map.of());
        }
        rule.employeeConditions = ConditionJson.write(ConditionJson.validated("employeeConditions", request.employeeConditions(), INVALID, TITLE));
        rule.opportunityConditions = ConditionJson.write(ConditionJson.validated("opportunityConditions", request.opportunityConditions(), INVALID, TITLE));
        rule.name = request.name().trim();
        rule.scope = request.scope();
        rule.scopeId = request.scopeId();
        rule.limit = request.limit();
        rule.limitField = request.limitField();
    }
}
