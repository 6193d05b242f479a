package io.oppsuite.opportunity.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * PATCH: a field left out (or null) keeps its value; customFields given replaces them.
 * Stage, status, owner, tenant, timestamps and version are not here: they move by their own
 * endpoints or not at all, and unknown fields are a 400.
 */
public record UpdateOpportunity(
        @Size(min = 1, max = 200) String name,
        @Size(max = 64) String accountId,
        @Size(max = 200) String accountName,
        @DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal amount,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @DecimalMin("0") @DecimalMax("100") BigDecimal winRate,
        LocalDate expectedCloseDate,
        @Size(max = 64) String contactId,
        @Size(max = 200) String contactName,
        ObjectNode customFields) {
}
