package io.oppsuite.opportunity.approvalflow;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/** An approval flow as last published on approval-events; the JSON snapshot is the contract. */
@Entity
@Table(name = "approval_flow_cache")
@IdClass(ApprovalFlowCache.Key.class)
public class ApprovalFlowCache extends PanacheEntityBase {

    @Id
    public String tenantId;
    @Id
    public String flowId;
    public String triggerType;
    public String salesProcessId;
    public String stageKey;
    public boolean active;
    public long version;
    public String snapshot;

    public record Key(String tenantId, String flowId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
