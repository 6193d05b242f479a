package io.oppsuite.opportunity.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/** Finding the deals a caller may see, and the deal as the features' rules look at it. In the caller's session. */
@ApplicationScoped
public class Opportunities {

    @Inject
    ObjectMapper mapper;

    /** The opportunity if the caller may see it; otherwise (other tenant, not theirs) a 404. */
    public Uni<Opportunity> visible(Caller caller, UUID id) {
        return Opportunity.findInTenant(caller.tenantId(), id).map(o -> seen(caller, id, o));
    }

    /** {@link #visible}, locked for the caller's write ({@link Opportunity#findInTenantForUpdate}). */
    public Uni<Opportunity> visibleForUpdate(Caller caller, UUID id) {
        return Opportunity.findInTenantForUpdate(caller.tenantId(), id).map(o -> seen(caller, id, o));
    }

    private static Opportunity seen(Caller caller, UUID id, Opportunity o) {
        if (o == null || !caller.canSee(o.ownerId, o.departmentId)) {
            throw Problems.notFound("Opportunity", id);
        }
        return o;
    }

    /** The deal with its line items: what GET answers, for every write that answers with the deal. */
    public Uni<Written> withLineItems(Opportunity o) {
        return LineItem.of(o.tenantId, o.id).map(items -> new Written(o, items, List.of()));
    }

    /** The opportunity as the JSON that field conditions look at (custom fields included). */
    public JsonNode subject(Opportunity o, List<LineItem> items) {
        ObjectNode node = mapper.valueToTree(OpportunityView.of(o, items, null));
        node.set("customFields", OpportunityView.customFields(o));
        return node;
    }
}
