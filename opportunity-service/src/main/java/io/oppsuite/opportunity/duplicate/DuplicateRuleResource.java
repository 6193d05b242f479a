package io.oppsuite.opportunity.duplicate;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.web.Preconditions;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Admin CRUD of the tenant's duplicate rules. A new or changed rule gets the keys of every existing opportunity. */
@Path("/duplicate-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Duplicate rules", description = "Rules that find, warn about or block duplicate opportunities, and the check itself.")
public class DuplicateRuleResource {

    @Inject
    CallerContext callerContext;

    @Inject
    DuplicateKeyStore keys;

    @Inject
    ObjectMapper mapper;

    @POST
    @WithTransaction
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createDuplicateRule", summary = "Create a duplicate rule", description = "Matchers: ACCOUNT_EXACT, NAME_NORMALIZED, PRODUCT_LINE, "
            + "CLOSE_DATE_WITHIN (days), OWNER; ANDed. Action BLOCK (409) or WARN. appliesTo CREATE, UPDATE, IMPORT or ALL (default).")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = DuplicateRuleView.class)), headers = {@Header(ref = "ETag"), @Header(ref = "Location")})
    public Uni<Response> create(@Valid @NotNull DuplicateRuleRequest request) {
        Caller caller = callerContext.current();
        DuplicateRule rule = new DuplicateRule();
        rule.id = UUID.randomUUID();
        rule.tenantId = caller.tenantId();
        rule.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        apply(rule, request);
        return rule.<DuplicateRule>persistAndFlush()
                .call(saved -> saved.active ? keys.backfill(caller.tenantId(), saved) : Uni.createFrom().voidItem())
                .map(saved -> Response.created(URI.create("/duplicate-rules/" + saved.id)).tag(String.valueOf(saved.version))
                        .entity(view(saved)).build());
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "listDuplicateRules", summary = "The tenant's duplicate rules")
    public Uni<List<DuplicateRuleView>> list() {
        return DuplicateRule.<DuplicateRule>list("tenantId = ?1 order by createdAt, id", callerContext.current().tenantId())
                .map(rules -> rules.stream().map(this::view).toList());
    }

    @GET
    @Path("{id}")
    @WithSession
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "getDuplicateRule", summary = "Read a duplicate rule", description = "ETag carries the version for If-Match.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DuplicateRuleView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> get(@PathParam("id") UUID id) {
        return find(callerContext.current(), id).map(r -> Response.ok(view(r)).tag(String.valueOf(r.version)).build());
    }

    @PUT
    @Path("{id}")
    @WithTransaction
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceDuplicateRule", summary = "Replace a duplicate rule", description = "If-Match guards against lost updates; keys are recomputed.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DuplicateRuleView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> update(@PathParam("id") UUID id, @Valid @NotNull DuplicateRuleRequest request, @HeaderParam("If-Match") String ifMatch) {
        Caller caller = callerContext.current();
        Long expected = Preconditions.ifMatchVersion(ifMatch);
        return find(caller, id).chain(rule -> {
            Preconditions.requireVersion(id, expected, rule.version);
            apply(rule, request);
            return rule.<DuplicateRule>persistAndFlush()
                    .call(saved -> keys.removeRule(saved.id))
                    .call(saved -> saved.active ? keys.backfill(caller.tenantId(), saved) : Uni.createFrom().voidItem())
                    .map(saved -> Response.ok(view(saved)).tag(String.valueOf(saved.version)).build());
        });
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteDuplicateRule", summary = "Delete a duplicate rule", description = "Its keys go with it; opportunities are not touched. "
            + "If-Match with the ETag: the rule deleted is the one the caller saw.")
    @APIResponse(responseCode = "204", description = "No content")
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        long expected = Preconditions.ifMatchVersion(ifMatch);
        return find(callerContext.current(), id)
                .invoke(rule -> Preconditions.requireVersion(id, expected, rule.version))
                .call(rule -> keys.removeRule(rule.id))
                .call(rule -> rule.delete())
                .map(ignored -> Response.noContent().build());
    }

    private Uni<DuplicateRule> find(Caller caller, UUID id) {
        return DuplicateRule.findInTenant(caller.tenantId(), id).map(r -> {
            if (r == null) {
                throw Problems.notFound("Duplicate rule", id);
            }
            return r;
        });
    }

    private void apply(DuplicateRule rule, DuplicateRuleRequest request) {
        if (new HashSet<>(request.matchers().stream().map(DuplicateMatcher::type).toList()).size() != request.matchers().size()) {
            throw Problems.unprocessable("invalid-duplicate-rule", "Invalid duplicate rule", "a matcher type may appear once per rule", Map.of());
        }
        for (DuplicateMatcher m : request.matchers()) {
            if (m.type() == DuplicateMatcher.Type.CLOSE_DATE_WITHIN && m.days() == null) {
                throw Problems.unprocessable("invalid-duplicate-rule", "Invalid duplicate rule", "CLOSE_DATE_WITHIN needs 'days'", Map.of());
            }
        }
        rule.name = request.name().trim();
        rule.action = request.action();
        rule.appliesTo = request.appliesTo() == null ? DuplicateRule.AppliesTo.ALL : request.appliesTo();
        rule.active = request.active() == null || request.active();
        try {
            rule.matchers = mapper.writeValueAsString(request.matchers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private DuplicateRuleView view(DuplicateRule r) {
        return new DuplicateRuleView(r.id.toString(), r.name, r.action, r.appliesTo, keys.matchers(r), r.active, r.createdAt, r.version);
    }
}
