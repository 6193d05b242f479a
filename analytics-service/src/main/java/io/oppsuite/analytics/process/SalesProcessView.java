package io.oppsuite.analytics.process;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A sales process as analytics knows it: stage order, labels and types (stages as JSON text). */
@Entity
@Table(name = "sales_process")
@IdClass(SalesProcessView.Key.class)
public class SalesProcessView extends PanacheEntityBase {

    @Id
    public String tenantId;
    @Id
    public String id;
    public String name;
    public long version;
    public String stages;
    public boolean deleted;

    public static class Key implements Serializable {
        public String tenantId;
        public String id;

        public Key() {
        }

        public Key(String tenantId, String id) {
            this.tenantId = tenantId;
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(id, k.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, id);
        }
    }
}
