package io.oppsuite.opportunity.lead;

import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.opportunity.core.CreateOpportunity;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.core.OpportunityService;
import io.oppsuite.opportunity.duplicate.DuplicateRule;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Map;

@Path("/opportunities/lead-conversions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@SecurityRequirement(name = "jwt")
@Tag(name = "Opportunities")
public class LeadConversionResource {

    @Inject
    CallerContext callerContext;

    @Inject
    OpportunityService opportunities;

    @POST
    @WithTransaction
    @Operation(summary = "Convert a lead into an opportunity", description = "Goes through the normal create path (duplicate rules "
            + "included) and records the lead id; a lead converts once (409 the second time).")
    public Uni<Response> convert(@Valid @NotNull LeadConversion lead) {
        Caller caller = callerContext.current();
        CreateOpportunity request = new CreateOpportunity(
                lead.name() == null || lead.name().isBlank() ? lead.account().name() : lead.name(),
                lead.account().id(), lead.account().name(), lead.ownerId(), null, lead.amount(), lead.currency(), null,
                lead.expectedCloseDate(), lead.salesProcessId(),
                lead.contact() == null ? null : lead.contact().id(), lead.contact() == null ? null : lead.contact().name(), null, null);
        // the unique index (tenant, lead id) settles races; this check gives the usual answer a clear message
        return Opportunity.count("tenantId = ?1 and leadId = ?2", caller.tenantId(), lead.leadId()).chain(existing -> {
            if (existing > 0) {
                throw Problems.conflict("lead-already-converted", "Lead already converted",
                        "lead " + lead.leadId() + " has already been converted", Map.of("leadId", lead.leadId()));
            }
            return opportunities.create(caller, request, lead.leadId(), DuplicateRule.AppliesTo.CREATE);
        }).map(created -> Response.created(URI.create("/opportunities/" + created.opportunity().id))
                .tag(String.valueOf(created.opportunity().version)).entity(created.view()).build());
    }
}
