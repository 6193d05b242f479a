package io.oppsuite.opportunity.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.HoldingEvents;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.EventInbox;
import io.oppsuite.common.json.Json;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps holding-service's directory (employees' departments, managers and user groups, departments'
 * managers) from holding-events: who overdue reminders go to, who may move a deal into a stage
 * with transition owners, who is a member of a pool ({@link Directory}). Idempotent via the inbox; the latest event wins
 * (one key per record, so Kafka keeps their order).
 */
@ApplicationScoped
public class DirectoryConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    ObjectMapper mapper;

    @Incoming("holding-events")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.consume("opportunity-service.holding-events", message, this::apply);
    }

    Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case HoldingEvents.EMPLOYEE_UPSERTED -> {
                HoldingEvents.Employee e = read(event, HoldingEvents.Employee.class);
                yield write("""
                        insert into directory_employee (tenant_id, employee_id, department_id, manager_id, user_groups)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict (tenant_id, employee_id) do update set department_id = excluded.department_id,
                            manager_id = excluded.manager_id, user_groups = excluded.user_groups""",
                        event.tenantId(), e.id(), e.departmentId(), e.managerId(), json(e.userGroups()));
            }
            case HoldingEvents.EMPLOYEE_DELETED -> write("delete from directory_employee where tenant_id = ?1 and employee_id = ?2",
                    event.tenantId(), event.text("id"));
            case HoldingEvents.DEPARTMENT_UPSERTED -> {
                HoldingEvents.Department d = read(event, HoldingEvents.Department.class);
                yield write("""
                        insert into directory_department (tenant_id, department_id, manager_id) values (?1, ?2, ?3)
                        on conflict (tenant_id, department_id) do update set manager_id = excluded.manager_id""",
                        event.tenantId(), d.id(), d.managerId());
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private String json(java.util.List<String> groups) {
        return Json.write(mapper, groups == null ? java.util.List.of() : groups);
    }

    private Uni<Void> write(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    private static <T> T read(EventEnvelope event, Class<T> type) {
        return event.dataAs(type, value -> {
            String id = value instanceof HoldingEvents.Employee e ? e.id() : value instanceof HoldingEvents.Department d ? d.id() : null;
            return id != null && !id.isBlank();
        }, "has no id");
    }
}
