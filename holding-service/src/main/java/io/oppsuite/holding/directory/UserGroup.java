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
@Table(name = "user_group")
@IdClass(TenantKey.class)
public class UserGroup extends PanacheEntityBase {
    @Id
    public String tenantId;
    @Id
    public String id;
    public String name;
    public Instant updatedAt;

    public static Uni<List<UserGroup>> ofTenant(String tenantId) {
        return list("tenantId = ?1 order by id", tenantId);
    }

    public static Uni<UserGroup> findInTenant(String tenantId, String id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }
}
