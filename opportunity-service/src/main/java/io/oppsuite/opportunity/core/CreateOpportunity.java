package io.oppsuite.opportunity.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.web.BoundedJson;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A create request. Server-owned fields (id, stage, status, tenant, timestamps, version)
 * are not part of it, and unknown JSON fields are refused, so they cannot be mass-assigned.
 * With line items, the amount is their total. {@code salesTeam}: colleagues who see or work the
 * deal besides its owner ({@link SalesTeamRules}).
 */
public record CreateOpportunity(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 64) String accountId,
        @Size(max = 200) String accountName,
        @Size(max = 64) String ownerId,
        @Size(max = 64) String departmentId,
        @DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal amount,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @DecimalMin("0") @DecimalMax("100") BigDecimal winRate,
        LocalDate expectedCloseDate,
        @NotBlank @Size(max = 64) String salesProcessId,
        @Size(max = 64) String contactId,
        @Size(max = 200) String contactName,
        @BoundedJson ObjectNode customFields,
        @Size(max = 500) List<@Valid LineItemInput> lineItems,
        @Size(max = SalesTeamRules.MAX_MEMBERS) List<@Valid @jakarta.validation.constraints.NotNull TeamMemberInput> salesTeam) {

    public CreateOpportunity(String name, String accountId, String accountName, String ownerId, String departmentId,
                             BigDecimal amount, String currency, BigDecimal winRate, LocalDate expectedCloseDate,
                             String salesProcessId, String contactId, String contactName, ObjectNode customFields,
                             List<LineItemInput> lineItems) {
        this(name, accountId, accountName, ownerId, departmentId, amount, currency, winRate, expectedCloseDate, salesProcessId,
                contactId, contactName, customFields, lineItems, null);
    }

    public CreateOpportunity(String name, String accountId, String accountName, String ownerId, String departmentId,
                             BigDecimal amount, String currency, BigDecimal winRate, LocalDate expectedCloseDate,
                             String salesProcessId) {
        this(name, accountId, accountName, ownerId, departmentId, amount, currency, winRate, expectedCloseDate, salesProcessId,
                null, null, null, null);
    }
}
