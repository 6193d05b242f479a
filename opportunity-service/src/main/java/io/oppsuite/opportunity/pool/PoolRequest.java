package io.oppsuite.opportunity.pool;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A pool as an admin writes it. Who may claim: members of {@code memberDepartments} or of
 * {@code memberGroups} as holding-service's directory has them, or holders of a token role in
 * {@code memberRoles}; all left empty, every employee of the tenant.
 */
public record PoolRequest(@NotBlank @Size(max = 200) String name,
                          @Size(max = 1000) String description,
                          @Size(max = 100) List<@NotNull @NotBlank @Size(max = 64) String> memberDepartments,
                          @Size(max = 100) List<@NotNull @NotBlank @Size(max = 64) String> memberGroups,
                          @Size(max = 3) List<@NotNull @jakarta.validation.constraints.Pattern(regexp = "admin|manager|sales") String> memberRoles) {
}
