package io.oppsuite.approval.directory;

import io.oppsuite.common.contracts.HoldingEvents;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.EventInbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;

/** Keeps {@link DirectoryEmployee} in step with holding-service's employee.upserted / employee.deleted. */
@ApplicationScoped
public class EmployeeDirectoryConsumer {

    static final String CONSUMER = "approval-service.holding-events";

    @Inject
    EventInbox inbox;


    @Incoming("holding-events")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.consume(CONSUMER, message, this::apply);
    }

    Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case HoldingEvents.EMPLOYEE_UPSERTED -> upsert(event.tenantId(), read(event), event.time());
            case HoldingEvents.EMPLOYEE_DELETED -> DirectoryEmployee.findInTenant(event.tenantId(), event.text("id"))
                    .chain(e -> e == null ? Uni.createFrom().voidItem() : e.delete());
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> upsert(String tenantId, HoldingEvents.Employee employee, Instant at) {
        return DirectoryEmployee.findInTenant(tenantId, employee.id()).chain(existing -> {
            DirectoryEmployee e = existing != null ? existing : new DirectoryEmployee();
            e.tenantId = tenantId;
            e.employeeId = employee.id();
            e.name = employee.name();
            e.departmentId = employee.departmentId();
            e.managerId = employee.managerId() == null || employee.managerId().isBlank() ? null : employee.managerId();
            e.updatedAt = at;
            return existing != null ? Uni.createFrom().voidItem() : e.persist().replaceWithVoid();
        });
    }

    private HoldingEvents.Employee read(EventEnvelope event) {
        return event.dataAs(HoldingEvents.Employee.class, e -> e.id() != null && !e.id().isBlank(), "has no id");
    }
}
