package io.oppsuite.opportunity.stage;

import io.oppsuite.common.contracts.StageType;
import io.oppsuite.opportunity.core.Opportunity;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One stage move of an opportunity: from, to, when, by whom, and how long it sat in {@code from}. */
@Entity
@Table(name = "stage_history")
public class StageHistoryEntry extends PanacheEntityBase {

    @Id
    public UUID id;
    public String tenantId;
    public UUID opportunityId;
    public String fromStage;
    public String toStage;
    @Enumerated(EnumType.STRING)
    public StageType toStageType;
    public Instant enteredAt;
    public String changedBy;
    public Long secondsInFrom;
    /** Why: a Lost/Invalid reason, a reopen's reason; null for plain moves. */
    public String reason;
    /** JSON array of the rules ({name, detail}) a bypassing Lost/Invalid stage waived; null when none. */
    public String waivedRules;

    /** Records the opportunity's current stage as just entered; {@code leftAt} closes the previous stay. */
    public static StageHistoryEntry record(Opportunity o, String fromStage, String by, Instant previousEnteredAt) {
        StageHistoryEntry entry = new StageHistoryEntry();
        entry.id = UUID.randomUUID();
        entry.tenantId = o.tenantId;
        entry.opportunityId = o.id;
        entry.fromStage = fromStage;
        entry.toStage = o.stageKey;
        entry.toStageType = o.stageType;
        entry.enteredAt = o.stageEnteredAt;
        entry.changedBy = by;
        entry.secondsInFrom = previousEnteredAt == null ? null : Duration.between(previousEnteredAt, o.stageEnteredAt).toSeconds();
        return entry;
    }

    public StageHistoryEntry because(String reason, String waivedRulesJson) {
        this.reason = reason == null || reason.isBlank() ? null : reason;
        this.waivedRules = waivedRulesJson;
        return this;
    }

    public static Uni<List<StageHistoryEntry>> of(String tenantId, UUID opportunityId) {
        return list("tenantId = ?1 and opportunityId = ?2 order by enteredAt, id", tenantId, opportunityId);
    }
}
