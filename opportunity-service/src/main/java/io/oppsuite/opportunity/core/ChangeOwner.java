package io.oppsuite.opportunity.core;

import jakarta.validation.constraints.Size;

/** Assign / change owner; {@code ownerId} null means the caller claims it. */
public record ChangeOwner(@Size(max = 64) String ownerId, @Size(max = 64) String departmentId) {
}
