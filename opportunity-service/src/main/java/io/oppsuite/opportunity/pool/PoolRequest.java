package io.oppsuite.opportunity.pool;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A pool as an admin writes it. Who may claim: members of {@code memberDepartments} (the JWT
 * {@code department}) or of {@code memberGroups} (the JWT {@code groups}); both left empty, every
 * employee of the tenant.
 */
public record PoolRequest(@NotBlank @Size(max = 200) String name,
                          @Size(max = 1000) String description,
                          @Size(max = 100) List<@NotNull @NotBlank @Size(max = 64) String> memberDepartments,
                          @Size(max = 100) List<@NotNull @NotBlank @Size(max = 64) String> memberGroups) {
}
