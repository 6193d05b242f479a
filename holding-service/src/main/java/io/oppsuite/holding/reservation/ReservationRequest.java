package io.oppsuite.holding.reservation;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.web.BoundedJson;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * @param opportunity the OpportunityState JSON as it will be once written (status, stageType, amount, ...)
 * @param ttlSeconds  optional: how long an unconfirmed reservation counts (default {@code holding.reservation.ttl})
 */
public record ReservationRequest(@NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,120}") String opportunityId,
                                 @NotNull @Pattern(regexp = "[A-Za-z0-9._:@-]{1,120}") String ownerId,
                                 @Pattern(regexp = "[A-Za-z0-9._:@-]{1,120}") String departmentId,
                                 @NotNull @BoundedJson(maxDepth = 20, maxBytes = 64 * 1024) JsonNode opportunity,
                                 @Min(1) @Max(600) Integer ttlSeconds) {
}
