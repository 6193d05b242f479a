package io.oppsuite.opportunity.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.opportunity.core.LineItem;
import io.oppsuite.opportunity.core.Opportunities;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.process.SalesProcesses;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Stage tasks of a deal and the associated records that complete some of them; each public method opens its session or transaction but {@link #facts}. */
@ApplicationScoped
public class TaskService {

    @Inject
    Opportunities opportunities;

    @Inject
    SalesProcesses processes;

    /** What stage task and terminal rules look at. In the caller's session. */
    public Uni<TaskStatus.Facts> facts(Opportunity o) {
        return LineItem.of(o.tenantId, o.id).chain(items -> AssociatedRecord.of(o.tenantId, o.id)
                .map(records -> new TaskStatus.Facts(opportunities.subject(o, items),
                        records.stream().map(r -> r.recordType).collect(Collectors.toSet()), items.size())));
    }

    /** Links a record to a deal the caller may change (owner's level or an EDIT team member); {@code data} is the record's JSON, already written as text. */
    @WithTransaction
    public Uni<AssociatedRecord> createRecord(Caller caller, UUID id, String recordType, String name, String data) {
        return opportunities.editable(caller, id).chain(o -> {
            AssociatedRecord r = new AssociatedRecord();
            r.id = UUID.randomUUID();
            r.tenantId = caller.tenantId();
            r.opportunityId = o.id;
            r.recordType = recordType;
            r.name = name;
            r.data = data;
            r.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            r.createdBy = caller.employeeId();
            return r.<AssociatedRecord>persist();
        });
    }

    @WithSession
    public Uni<List<AssociatedRecord>> records(Caller caller, UUID id) {
        return opportunities.visible(caller, id).chain(o -> AssociatedRecord.of(caller.tenantId(), id));
    }

    @WithTransaction
    public Uni<Void> deleteRecord(Caller caller, UUID id, UUID recordId) {
        return opportunities.editable(caller, id).chain(o -> AssociatedRecord.findOf(caller.tenantId(), id, recordId)).chain(r -> {
            if (r == null) {
                throw Problems.notFound("Associated record", recordId);
            }
            return r.delete();
        });
    }

    /** Each stage's task definitions and whether each is done for the deal. */
    @WithSession
    public Uni<List<TaskResource.StageTasks>> tasks(Caller caller, UUID id) {
        return opportunities.visible(caller, id).chain(o -> processes.require(caller.tenantId(), o.salesProcessId)
                .chain(process -> facts(o).map(facts -> process.stages().stream()
                        .map(stage -> new TaskResource.StageTasks(stage.key(), stage.key().equals(o.stageKey), stage.tasksOrEmpty().stream()
                                .map(t -> new TaskResource.TaskView(t.id(), t.name(), t.type(), t.required(), t.fields(), t.recordType(),
                                        TaskStatus.done(t, facts))).toList()))
                        .toList())));
    }
}
