package io.oppsuite.approval.directory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** An employee as holding-service last published it: enough to find an opportunity owner's manager. */
@Entity
@Table(name = "directory_employee")
@IdClass(DirectoryEmployee.Key.class)
public class DirectoryEmployee extends PanacheEntityBase {

    @Id
    public String tenantId;
    @Id
    public String employeeId;
    public String name;
    public String departmentId;
    public String managerId;
    public Instant updatedAt;

    public static Uni<DirectoryEmployee> findInTenant(String tenantId, String employeeId) {
        return findById(new Key(tenantId, employeeId));
    }

    public static Uni<List<DirectoryEmployee>> findAllInTenant(String tenantId, Collection<String> employeeIds) {
        if (employeeIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("tenantId = ?1 and employeeId in ?2", tenantId, employeeIds);
    }

    public record Key(String tenantId, String employeeId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
