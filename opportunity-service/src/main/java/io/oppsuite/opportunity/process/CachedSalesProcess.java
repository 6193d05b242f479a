package io.oppsuite.opportunity.process;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/** A sales process as last published on pipeline-config-events; the JSON snapshot is the contract. */
@Entity
@Table(name = "sales_process_cache")
@IdClass(CachedSalesProcess.Key.class)
public class CachedSalesProcess extends PanacheEntityBase {

    @Id
    public String tenantId;
    @Id
    public String processId;
    public long version;
    public boolean deleted;
    public String snapshot;

    public record Key(String tenantId, String processId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
