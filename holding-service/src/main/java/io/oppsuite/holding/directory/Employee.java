package io.oppsuite.holding.directory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.List;

/** An employee of a tenant's directory. {@code userGroups} / {@code attributes} are JSON text (see {@link DirectoryJson}). */
@Entity
@Table(name = "employee")
@IdClass(TenantKey.class)
public class Employee extends PanacheEntityBase {
    @Id
    public String tenantId;
    @Id
    public String id;
    public String name;
    public String departmentId;
    public String managerId;
    /**
     * jsonb in the table (searched by containment: {@code ScopeStore}, {@code DirectoryService#employees}), text
     * here: the reactive driver would hand jsonb over as a Vert.x JSON array, and bind a String as a JSON string.
     */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(user_groups as text)", write = "cast(cast(? as text) as jsonb)")
    public String userGroups;
    public String attributes;
    public Instant updatedAt;

    public static Uni<Employee> findInTenant(String tenantId, String id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    public static Uni<List<Employee>> inTenant(String tenantId, List<String> ids) {
        return list("tenantId = ?1 and id in ?2", tenantId, ids);
    }
}
