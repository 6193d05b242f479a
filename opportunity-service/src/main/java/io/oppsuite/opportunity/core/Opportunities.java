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

    /**
     * What a caller may do with a deal. OWN is the owner's level (owner, their department's manager,
     * admin): everything, the sales team included. A sales team member sees the deal (READ) or also
     * changes its fields, line items, stage and records (EDIT); owner changes, deletes, pools,
     * reopening and the team itself stay at the owner's level.
     */
    public enum Access { READ, EDIT, OWN }

    /** The opportunity if the caller may see it; otherwise (other tenant, not theirs, not on its team) a 404. */
    public Uni<Opportunity> visible(Caller caller, UUID id) {
        return Opportunity.findInTenant(caller.tenantId(), id).chain(o -> permitted(caller, id, o, Access.READ));
    }

    /** The opportunity if the caller may change it (owner's level or an EDIT team member); 403 for a READ member. */
    public Uni<Opportunity> editable(Caller caller, UUID id) {
        return Opportunity.findInTenant(caller.tenantId(), id).chain(o -> permitted(caller, id, o, Access.EDIT));
    }

    /** {@link #editable}, locked for the caller's write ({@link Opportunity#findInTenantForUpdate}). */
    public Uni<Opportunity> editableForUpdate(Caller caller, UUID id) {
        return Opportunity.findInTenantForUpdate(caller.tenantId(), id).chain(o -> permitted(caller, id, o, Access.EDIT));
    }

    /** Locked for a write at the owner's level (owner, their manager, admin); 403 for a team member, 404 for anyone else. */
    public Uni<Opportunity> ownedForUpdate(Caller caller, UUID id) {
        return Opportunity.findInTenantForUpdate(caller.tenantId(), id).chain(o -> permitted(caller, id, o, Access.OWN));
    }

    /** The access a caller's place on the deal's team gives, or null when they are not on it. */
    public Uni<io.oppsuite.common.contracts.OpportunityEvents.TeamAccess> teamAccess(Caller caller, Opportunity o) {
        return SalesTeamMember.find(o.tenantId, o.id, caller.employeeId()).map(m -> m == null ? null : m.access);
    }

    private Uni<Opportunity> permitted(Caller caller, UUID id, Opportunity o, Access needed) {
        if (o == null) {
            throw Problems.notFound("Opportunity", id);
        }
        if (caller.canSee(o.ownerId, o.departmentId)) {
            return Uni.createFrom().item(o);
        }
        return teamAccess(caller, o).map(access -> {
            if (access == null) {
                throw Problems.notFound("Opportunity", id);
            }
            boolean allowed = needed == Access.READ
                    || (needed == Access.EDIT && access == io.oppsuite.common.contracts.OpportunityEvents.TeamAccess.EDIT);
            if (!allowed) {
                throw Problems.forbidden("on the sales team of opportunity " + id + " with " + access + " access you may "
                        + (access == io.oppsuite.common.contracts.OpportunityEvents.TeamAccess.EDIT
                        ? "change it, not do this: only its owner, their manager or an admin may" : "see it, not change it"));
            }
            return o;
        });
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
