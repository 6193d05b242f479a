package io.oppsuite.opportunity.lead;

import io.oppsuite.opportunity.core.OpportunityView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.opportunity.core.CreateOpportunity;
import io.oppsuite.opportunity.writing.OpportunityCreation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


@Path("/opportunities/lead-conversions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@Tag(name = "Opportunities", description = "Deals: create, read, list, change, move through stages, reopen, import, convert leads.")
public class LeadConversionResource {

    @Inject
    CallerContext callerContext;

    @Inject
    OpportunityCreation creation;

    @POST
    @Operation(operationId = "convertLead", summary = "Convert a lead into an opportunity", description = "Goes through the normal create path (duplicate rules, "
            + "holding reservation, creation approval) and records the lead id; a lead converts once (409 lead-already-converted "
            + "the second time).")
    @APIResponse(responseCode = "201", description = "The opportunity, with leadId", content = @Content(schema = @Schema(implementation = OpportunityView.class)), headers = {@Header(ref = "ETag"), @Header(ref = "Location")})
    @APIResponse(responseCode = "409", description = "The lead was converted before, a duplicate, or a holding limit")
    public Uni<Response> convert(@Valid @NotNull LeadConversion lead) {
        Caller caller = callerContext.current();
        CreateOpportunity request = new CreateOpportunity(
                lead.name() == null || lead.name().isBlank() ? lead.account().name() : lead.name(),
                lead.account().id(), lead.account().name(), lead.ownerId(), null, lead.amount(), lead.currency(), null,
                lead.expectedCloseDate(), lead.salesProcessId(),
                lead.contact() == null ? null : lead.contact().id(), lead.contact() == null ? null : lead.contact().name(), null, null, lead.salesTeam());
        return creation.createResponse(caller, request, lead.leadId(), null);
    }
}
