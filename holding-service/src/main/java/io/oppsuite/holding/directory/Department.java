package io.oppsuite.holding.directory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

@Entity
@Table(name = "department")
@IdClass(TenantKey.class)
public class Department extends PanacheEntityBase {
    @Id
    public String tenantId;
    @Id
    public String id;
    public String name;
    public String managerId;
    public Instant updatedAt;

    public static Uni<List<Department>> ofTenant(String tenantId) {
        return list("tenantId = ?1 order by id", tenantId);
    }

    public static Uni<Department> findInTenant(String tenantId, String id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }
}
