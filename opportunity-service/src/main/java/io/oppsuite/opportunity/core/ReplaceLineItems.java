package io.oppsuite.opportunity.core;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The whole new set of line items (BULK_EDIT_SUB_OBJECTS). */
public record ReplaceLineItems(@NotNull @Size(max = 500) List<@Valid @NotNull LineItemInput> lineItems) {
}
