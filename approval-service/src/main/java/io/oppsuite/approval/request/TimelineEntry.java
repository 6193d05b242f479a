package io.oppsuite.approval.request;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One thing that happened to an approval: requested, a decision, a withdrawal. Append-only. */
@Entity
@Table(name = "approval_timeline_entry")
public class TimelineEntry extends PanacheEntityBase {

    public enum Action { REQUESTED, APPROVED, REJECTED, WITHDRAWN }

    @Id
    public UUID id;
    public String tenantId;
    public UUID approvalId;
    public Instant at;
    public String actor;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Action action;
    public Integer stepIndex;
    public String stepName;
    public String comment;

    public static TimelineEntry of(Approval approval, Instant at, String actor, Action action, Integer stepIndex, String stepName,
                                   String comment) {
        TimelineEntry e = new TimelineEntry();
        e.id = UUID.randomUUID();
        e.tenantId = approval.tenantId;
        e.approvalId = approval.id;
        e.at = at;
        e.actor = actor;
        e.action = action;
        e.stepIndex = stepIndex;
        e.stepName = stepName;
        e.comment = comment;
        return e;
    }

    public static Uni<List<TimelineEntry>> of(String tenantId, UUID approvalId) {
        return list("tenantId = ?1 and approvalId = ?2 order by at, id", tenantId, approvalId);
    }
}
