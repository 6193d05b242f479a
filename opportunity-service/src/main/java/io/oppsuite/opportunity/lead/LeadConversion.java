package io.oppsuite.opportunity.lead;

import io.oppsuite.opportunity.core.TeamMemberInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A lead's data, as the lead system hands it over for conversion, and the sales team the deal starts with. */
public record LeadConversion(@NotBlank @Size(max = 64) String leadId,
                             @Size(max = 200) String name,
                             @NotNull @Valid Account account,
                             @Valid Contact contact,
                             @DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal amount,
                             @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
                             LocalDate expectedCloseDate,
                             @NotBlank @Size(max = 64) String salesProcessId,
                             @Size(max = 64) String ownerId,
                             @Size(max = io.oppsuite.opportunity.core.SalesTeamRules.MAX_MEMBERS)
                             List<@Valid @NotNull TeamMemberInput> salesTeam) {

    public record Account(@Size(max = 64) String id, @NotBlank @Size(max = 200) String name) {
    }

    public record Contact(@Size(max = 64) String id, @Size(max = 200) String name) {
    }
}
