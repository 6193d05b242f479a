package io.oppsuite.opportunity.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.web.BoundedJson;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The fields a PATCH (JSON Merge Patch, {@link OpportunityPatch}) may change, as they are after
 * the patch: a member left out keeps its value, null clears an optional field (accountId,
 * accountName, expectedCloseDate, contactId, contactName, a custom field); name, amount,
 * currency and winRate cannot be cleared. Stage, status, owner, tenant, timestamps and version
 * are not here: they move by their own endpoints or not at all, and unknown members are a 400.
 */
public record UpdateOpportunity(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 64) String accountId,
        @Size(max = 200) String accountName,
        @NotNull @DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal winRate,
        LocalDate expectedCloseDate,
        @Size(max = 64) String contactId,
        @Size(max = 200) String contactName,
        @BoundedJson ObjectNode customFields) {
}
