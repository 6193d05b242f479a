package io.oppsuite.opportunity.pool;

import java.time.Instant;
import java.util.List;

/** What the API answers for a pool. */
public record PoolView(String id, String name, String description, List<String> memberDepartments, List<String> memberGroups,
                       List<String> memberRoles, Instant createdAt, Instant updatedAt, long version) {
}
