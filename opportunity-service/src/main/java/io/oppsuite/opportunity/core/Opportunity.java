package io.oppsuite.opportunity.core;

import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.contracts.StageType;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

@Entity
@Table(name = "opportunity")
public class Opportunity extends PanacheEntityBase {

    @Id
    public UUID id;
    public String tenantId;
    public String name;
    public String accountId;
    public String accountName;
    /** Null while the opportunity sits in a pool ({@link #poolId}); the table's check keeps exactly one of the two set. */
    public String ownerId;
    public String departmentId;
    public BigDecimal amount;
    public String currency;
    public BigDecimal winRate;
    public LocalDate expectedCloseDate;
    public String salesProcessId;
    public String stageKey;
    @Enumerated(EnumType.STRING)
    public StageType stageType;
    @Enumerated(EnumType.STRING)
    public LifecycleStatus status;
    public Instant stageEnteredAt;
    public Instant createdAt;
    public Instant updatedAt;
    public String createdBy;
    /** JSON object as text; validated only for size. */
    public String customFields;
    public String leadId;
    public String contactId;
    public String contactName;
    public boolean overdue;
    public Instant overdueNotifiedFor;
    public String closeReason;
    /** Name with case, whitespace and punctuation folded, for duplicate keys. */
    public String nameNormalized;
    /** The approval request this opportunity waits on: its creation, or {@link #pendingMoveTo}. */
    public String approvalRequestId;
    /**
     * The fields the pending approval's flow conditions read, as a JSON array; while it waits a change
     * to one of them is refused (409), so the approver decides on the values shown to them.
     */
    public String approvalWatchedFields;
    /** A stage move recorded while its completion approval is pending. */
    public String pendingMoveTo;
    public String pendingMoveReason;
    /** The version the move was requested at; any later change makes the approval moot. */
    public Long pendingMoveVersion;
    public String pendingMoveBy;
    /** The win rate the pending move was asked with; null: the target stage's default. */
    public BigDecimal pendingMoveWinRate;
    /** Why the last creation or move approval was refused. */
    public String lastRejection;
    /** The opportunity pool it sits in, unowned, until someone claims it. */
    public UUID poolId;
    /** The pool it was last in; kept after a claim, so a late claimant is told "already claimed". */
    public UUID lastPoolId;
    /** When it was returned to its pool, and why. */
    public Instant pooledAt;
    public String poolReason;
    @Version
    public long version;

    /** Tenant-scoped lookup: another tenant's id is simply not found. */
    public static Uni<Opportunity> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    /**
     * The row locked for a write (select ... for update): concurrent writes to one deal take turns,
     * so each checks its If-Match against the version the one before it left and a loser is told
     * 412 with the current version, never a lost update at flush.
     */
    public static Uni<Opportunity> findInTenantForUpdate(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public OpportunityState toState() {
        return new OpportunityState(id.toString(), name, accountId, accountName, ownerId, departmentId, amount, currency,
                winRate, expectedCloseDate, salesProcessId, stageKey, stageType, status.name(), stageEnteredAt, createdAt, version,
                poolId == null ? null : poolId.toString());
    }
}
