package io.oppsuite.common.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The opportunity as every {@code opportunity-events} event carries it (under
 * {@code "opportunity"}), so subscribers (holding, analytics, pipeline-config) can keep
 * their projections from the event log alone.
 *
 * @param winRate percent, 0-100
 * @param status  lifecycle: PENDING_APPROVAL, ACTIVE, WON, LOST, INVALID, REJECTED
 * @param ownerId null while the opportunity sits in an opportunity pool (then {@code poolId} names it)
 * @param poolId  the opportunity pool it sits in, unowned, until someone claims it; null when owned
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpportunityState(String id,
                               String name,
                               String accountId,
                               String accountName,
                               String ownerId,
                               String departmentId,
                               BigDecimal amount,
                               String currency,
                               BigDecimal winRate,
                               LocalDate expectedCloseDate,
                               String salesProcessId,
                               String stageKey,
                               StageType stageType,
                               String status,
                               Instant stageEnteredAt,
                               Instant createdAt,
                               long version,
                               String poolId) {

    /** An owned opportunity (not in a pool): the state as it was before pools existed. */
    public OpportunityState(String id, String name, String accountId, String accountName, String ownerId, String departmentId,
                            BigDecimal amount, String currency, BigDecimal winRate, LocalDate expectedCloseDate,
                            String salesProcessId, String stageKey, StageType stageType, String status, Instant stageEnteredAt,
                            Instant createdAt, long version) {
        this(id, name, accountId, accountName, ownerId, departmentId, amount, currency, winRate, expectedCloseDate, salesProcessId,
                stageKey, stageType, status, stageEnteredAt, createdAt, version, null);
    }
}
