package io.oppsuite.opportunity.duplicate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** One field matcher of a rule; {@code days} is the ± window of CLOSE_DATE_WITHIN. */
public record DuplicateMatcher(@NotNull Type type, @Min(0) @Max(3650) Integer days) {

    public enum Type { ACCOUNT_EXACT, NAME_NORMALIZED, PRODUCT_LINE, CLOSE_DATE_WITHIN, OWNER, }
}
