package io.oppsuite.opportunity.core;

import io.oppsuite.common.contracts.OpportunityEvents.TeamAccess;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A sales team member as a request names them: who, their role on the deal, and their access. */
public record TeamMemberInput(@NotBlank @Size(max = 64) String employeeId,
                              @Size(max = 100) String role,
                              @NotNull TeamAccess access) {
}
