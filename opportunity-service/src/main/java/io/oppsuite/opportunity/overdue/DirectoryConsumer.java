package io.oppsuite.opportunity.overdue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.HoldingEvents;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.EventInbox;
import io.oppsuite.common.events.PoisonMessageException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps holding-service's directory (employees' departments and managers, departments' managers) from
 * holding-events, for {@link ReminderRecipients}. Idempotent via the inbox; the latest event wins
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
                        insert into directory_employee (tenant_id, employee_id, department_id, manager_id) values (?1, ?2, ?3, ?4)
                        on conflict (tenant_id, employee_id) do update set department_id = excluded.department_id, manager_id = excluded.manager_id""",
                        event.tenantId(), e.id(), e.departmentId(), e.managerId());
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

    private Uni<Void> write(String sql, Object... params) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    private <T> T read(EventEnvelope event, Class<T> type) {
        try {
            T value = mapper.treeToValue(event.data(), type);
            String id = value instanceof HoldingEvents.Employee e ? e.id() : value instanceof HoldingEvents.Department d ? d.id() : null;
            if (id == null || id.isBlank() || event.tenantId() == null) {
                throw new PoisonMessageException(event.type() + " " + event.id() + " has no id or tenant");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonMessageException(event.type() + " " + event.id() + " does not match the contract", e);
        }
    }
}
