package io.oppsuite.common.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * Opportunity pool configuration (opportunity-service), published on {@code opportunity-events}
 * with key = pool id. These data objects carry {@code "pool"}, not {@code "opportunity"}:
 * subscribers of opportunity events select by {@code ce_type} and pass these by.
 * Deals entering and leaving a pool are {@code opportunity.owner-changed} (see {@link OpportunityEvents.OwnerChanged}).
 */
public final class PoolEvents {
    public static final String UPSERTED = "opportunity-pool.upserted";
    public static final String DELETED = "opportunity-pool.deleted";

    private PoolEvents() {
    }

    /**
     * @param memberDepartments departments whose members may claim (JWT {@code department})
     * @param memberGroups      groups whose members may claim (JWT {@code groups}); both empty: everyone in the tenant
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pool(String id, String name, String description, List<String> memberDepartments, List<String> memberGroups,
                       Instant updatedAt, long version) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PoolChanged(Pool pool, String by) {
    }
}
