package io.oppsuite.holding.directory;

import io.oppsuite.common.contracts.HoldingEvents;
import io.oppsuite.common.events.DomainEvent;
import io.oppsuite.common.events.Outbox;
import io.oppsuite.common.events.Topics;
import io.oppsuite.common.json.Json;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.holding.directory.DirectorySync.DepartmentInput;
import io.oppsuite.holding.directory.DirectorySync.EmployeeInput;
import io.oppsuite.holding.directory.DirectorySync.UserGroupInput;
import io.oppsuite.holding.directory.DirectoryViews.SyncResult;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Bulk sync, removal and reads of a tenant's directory; every changed employee is published on holding-events. */
@ApplicationScoped
public class DirectoryService {

    static final String INVALID = "invalid-directory";

    @Inject
    Outbox outbox;

    /** In a transaction of its own: all of the batch or nothing. */
    @WithTransaction
    public Uni<SyncResult> sync(String tenantId, DirectorySync request) {
        requireDistinct("department", request.departmentsOrEmpty(), DepartmentInput::id);
        requireDistinct("user group", request.userGroupsOrEmpty(), UserGroupInput::id);
        requireDistinct("employee", request.employeesOrEmpty(), EmployeeInput::id);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Department.ofTenant(tenantId).chain(departments -> UserGroup.ofTenant(tenantId).chain(groups -> {
            requireKnownReferences(request, departments, groups);
            return upsertDepartments(tenantId, request.departmentsOrEmpty(), departments, now).chain(d ->
                    upsertGroups(tenantId, request.userGroupsOrEmpty(), groups, now).chain(g ->
                            upsertEmployees(tenantId, request.employeesOrEmpty(), now).map(e -> new SyncResult(d, g, e))));
        }));
    }

    /** Employees, optionally of one department or user group. */
    @WithSession
    public Uni<List<HoldingEvents.Employee>> employees(String tenantId, String departmentId, String userGroupId) {
        StringBuilder where = new StringBuilder("tenantId = :tenant");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenantId);
        if (departmentId != null) {
            where.append(" and departmentId = :department");
            params.put("department", departmentId);
        }
        if (userGroupId != null) {
            // jsonb containment (GIN index); HQL has no @> operator: sql() writes it (the column is the employee's)
            where.append(" and cast(sql('user_groups @> cast(cast(? as text) as jsonb)', :group) as Boolean) = true");
            params.put("group", Json.write(List.of(userGroupId)));
        }
        return Employee.<Employee>list(where + " order by id", params)
                .map(list -> list.stream().map(DirectoryJson::view).toList());
    }

    @WithSession
    public Uni<HoldingEvents.Employee> employee(String tenantId, String id) {
        return Employee.findInTenant(tenantId, id).map(e -> {
            if (e == null) {
                throw Problems.notFound("Employee", id);
            }
            return DirectoryJson.view(e);
        });
    }

    @WithSession
    public Uni<List<Department>> departments(String tenantId) {
        return Department.ofTenant(tenantId);
    }

    @WithSession
    public Uni<List<UserGroup>> userGroups(String tenantId) {
        return UserGroup.ofTenant(tenantId);
    }

    /** In a transaction of its own. */
    @WithTransaction
    public Uni<Void> delete(String tenantId, String employeeId) {
        return Employee.findInTenant(tenantId, employeeId).chain(e -> {
            if (e == null) {
                throw Problems.notFound("Employee", employeeId);
            }
            return e.delete().chain(() -> outbox.append(new DomainEvent(Topics.HOLDING_EVENTS, HoldingEvents.EMPLOYEE_DELETED,
                    tenantId, employeeId, Map.of("id", employeeId))));
        }).replaceWithVoid();
    }

    private static <T> void requireDistinct(String what, List<T> items, Function<T, String> id) {
        Set<String> seen = new HashSet<>();
        Set<String> twice = new TreeSet<>();
        items.forEach(i -> {
            if (!seen.add(id.apply(i))) {
                twice.add(id.apply(i));
            }
        });
        if (!twice.isEmpty()) {
            throw Problems.unprocessable(INVALID, "Invalid directory", "a " + what + " id appears more than once in the batch",
                    Map.of("duplicateIds", twice));
        }
    }

    /** An employee may only name departments and groups that exist already or come in the same batch. */
    private static void requireKnownReferences(DirectorySync request, List<Department> departments, List<UserGroup> groups) {
        Set<String> knownDepartments = departments.stream().map(d -> d.id).collect(Collectors.toCollection(HashSet::new));
        request.departmentsOrEmpty().forEach(d -> knownDepartments.add(d.id()));
        Set<String> knownGroups = groups.stream().map(g -> g.id).collect(Collectors.toCollection(HashSet::new));
        request.userGroupsOrEmpty().forEach(g -> knownGroups.add(g.id()));
        Set<String> unknownDepartments = new TreeSet<>();
        Set<String> unknownGroups = new TreeSet<>();
        for (EmployeeInput e : request.employeesOrEmpty()) {
            if (e.departmentId() != null && !knownDepartments.contains(e.departmentId())) {
                unknownDepartments.add(e.departmentId());
            }
            if (e.userGroups() != null) {
                e.userGroups().stream().filter(g -> !knownGroups.contains(g)).forEach(unknownGroups::add);
            }
        }
        if (!unknownDepartments.isEmpty() || !unknownGroups.isEmpty()) {
            throw Problems.unprocessable(INVALID, "Invalid directory", "employees name departments or user groups that do not exist",
                    Map.of("unknownDepartments", unknownDepartments, "unknownUserGroups", unknownGroups));
        }
    }

    private Uni<Integer> upsertDepartments(String tenantId, List<DepartmentInput> inputs, List<Department> existing, Instant now) {
        Map<String, Department> byId = existing.stream().collect(Collectors.toMap(d -> d.id, d -> d));
        List<Department> created = new ArrayList<>();
        List<Department> changed = new ArrayList<>();
        for (DepartmentInput in : inputs) {
            Department d = byId.get(in.id());
            if (d != null && Objects.equals(d.name, in.name().trim()) && Objects.equals(d.managerId, in.managerId())) {
                continue;
            }
            if (d == null) {
                d = new Department();
                d.tenantId = tenantId;
                d.id = in.id();
                created.add(d);
            }
            d.name = in.name().trim();
            d.managerId = in.managerId();
            d.updatedAt = now;
            changed.add(d);
        }
        int count = changed.size();
        // published like employees, so other services know a department's manager without a call
        Uni<Void> publish = Multi.createFrom().iterable(changed)
                .onItem().transformToUniAndConcatenate(d -> outbox.append(new DomainEvent(Topics.HOLDING_EVENTS,
                        HoldingEvents.DEPARTMENT_UPSERTED, tenantId, d.id, new HoldingEvents.Department(d.id, d.name, d.managerId))))
                .collect().last().replaceWithVoid();
        return (created.isEmpty() ? Uni.createFrom().voidItem() : Department.persist(created)).chain(() -> publish).replaceWith(count);
    }

    private Uni<Integer> upsertGroups(String tenantId, List<UserGroupInput> inputs, List<UserGroup> existing, Instant now) {
        Map<String, UserGroup> byId = existing.stream().collect(Collectors.toMap(g -> g.id, g -> g));
        List<UserGroup> created = new ArrayList<>();
        int changed = 0;
        for (UserGroupInput in : inputs) {
            UserGroup g = byId.get(in.id());
            if (g != null && Objects.equals(g.name, in.name().trim())) {
                continue;
            }
            if (g == null) {
                g = new UserGroup();
                g.tenantId = tenantId;
                g.id = in.id();
                created.add(g);
            }
            g.name = in.name().trim();
            g.updatedAt = now;
            changed++;
        }
        int count = changed;
        return (created.isEmpty() ? Uni.createFrom().voidItem() : UserGroup.persist(created)).replaceWith(count);
    }

    private Uni<Integer> upsertEmployees(String tenantId, List<EmployeeInput> inputs, Instant now) {
        if (inputs.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Employee.inTenant(tenantId, inputs.stream().map(EmployeeInput::id).toList()).chain(existing -> {
            Map<String, Employee> byId = existing.stream().collect(Collectors.toMap(e -> e.id, e -> e));
            List<Employee> created = new ArrayList<>();
            Map<String, Employee> changed = new LinkedHashMap<>();
            for (EmployeeInput in : inputs) {
                Employee e = byId.get(in.id());
                String groups = DirectoryJson.writeGroups(in.userGroups());
                String attributes = DirectoryJson.writeAttributes(in.attributes());
                if (e != null && Objects.equals(e.name, in.name().trim()) && Objects.equals(e.departmentId, in.departmentId())
                        && Objects.equals(e.managerId, in.managerId()) && e.attributes.equals(attributes)
                        // compared as lists: jsonb gives back its own text (a space after each comma)
                        && DirectoryJson.groups(e).equals(DirectoryJson.canonicalGroups(in.userGroups()))) {
                    continue;
                }
                if (e == null) {
                    e = new Employee();
                    e.tenantId = tenantId;
                    e.id = in.id();
                    created.add(e);
                }
                e.name = in.name().trim();
                e.departmentId = in.departmentId();
                e.managerId = in.managerId();
                e.userGroups = groups;
                e.attributes = attributes;
                e.updatedAt = now;
                changed.put(e.id, e);
            }
            Uni<Void> publish = Multi.createFrom().iterable(List.copyOf(changed.values()))
                    .onItem().transformToUniAndConcatenate(e -> outbox.append(new DomainEvent(Topics.HOLDING_EVENTS,
                            HoldingEvents.EMPLOYEE_UPSERTED, tenantId, e.id, DirectoryJson.view(e))))
                    .collect().last().replaceWithVoid();
            return (created.isEmpty() ? Uni.createFrom().voidItem() : Employee.persist(created))
                    .chain(() -> publish).replaceWith(changed.size());
        });
    }
}
