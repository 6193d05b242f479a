package io.oppsuite.opportunity.overdue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.opportunity.core.LifecycleStatus;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.core.OpportunityPublisher;
import io.oppsuite.opportunity.process.CachedSalesProcess;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.time.temporal.ChronoUnit;

/**
 * Finds opportunities whose current stay is longer than the stage's duration (as the process is
 * configured now: a changed duration applies to stays already open, and a stay no longer past a
 * lengthened duration stops being overdue), marks them overdue and, when the stage's overdue reminder is
 * enabled, emits one {@code opportunity.overdue} per stay naming its recipients
 * ({@link ReminderRecipients}), the due time and how long overdue. The stay already reported is stored on the
 * row ({@code overdue_notified_for} = the stay's entered-at), in the same transaction as the outbox
 * event, so neither another tick nor a restart reports it again. One replica scans at a time
 * (transaction-scoped advisory lock).
 */
@ApplicationScoped
public class OverdueScan {

    private static final Logger LOG = Logger.getLogger(OverdueScan.class);
    /** Arbitrary constant: the advisory lock of the overdue scan. */
    static final long SCAN_LOCK = 0x6f76657264756531L;
    static final int BATCH = 500;

    @Inject
    OpportunityPublisher publisher;

    @Inject
    ObjectMapper mapper;

    private record StageRule(String tenantId, String processId, String stageKey, String durationText, Duration duration,
                             SalesProcessSnapshot.OverdueReminder reminder) {
    }

    @Scheduled(every = "${opportunity.overdue.every:60s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return scan().onFailure().recoverWithItem(e -> {
            LOG.warnf("overdue scan failed, next tick retries: %s", e.toString());
            return 0;
        }).replaceWithVoid();
    }

    /** One scan; the number of opportunities that became overdue. */
    public Uni<Integer> scan() {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("select pg_try_advisory_xact_lock(?1)", Boolean.class).setParameter(1, SCAN_LOCK).getSingleResult())
                .chain(locked -> locked ? markAll() : Uni.createFrom().item(0)));
    }

    private Uni<Integer> markAll() {
        return CachedSalesProcess.<CachedSalesProcess>list("deleted = false").chain(cached -> {
            List<StageRule> rules = new ArrayList<>();
            for (CachedSalesProcess c : cached) {
                SalesProcessSnapshot process = parse(c.snapshot);
                if (process == null) {
                    continue;
                }
                for (SalesProcessSnapshot.Stage stage : process.stages()) {
                    if (stage.type() == StageType.IN_PROGRESS) {
                        SalesProcessSnapshot.Settings settings = stage.settingsOrDefault();
                        StageDurations.parse(settings.duration()).ifPresent(d -> rules.add(new StageRule(c.tenantId, c.processId,
                                stage.key(), settings.duration(), d, settings.overdueReminder())));
                    }
                }
            }
            int[] marked = {0};
            return Multi.createFrom().iterable(rules)
                    .onItem().transformToUniAndConcatenate(rule -> mark(rule).invoke(n -> marked[0] += n))
                    .collect().last().map(ignored -> marked[0]);
        });
    }

    private Uni<Integer> mark(StageRule rule) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant enteredBefore = now.minus(rule.duration());
        return cleared(rule, enteredBefore).chain(() -> Opportunity.<Opportunity>find("tenantId = ?1 and salesProcessId = ?2 and stageKey = ?3 and status = ?4 "
                                + "and stageEnteredAt < ?5 and (overdueNotifiedFor is null or overdueNotifiedFor <> stageEnteredAt)",
                        rule.tenantId(), rule.processId(), rule.stageKey(), LifecycleStatus.ACTIVE, enteredBefore)
                .page(0, BATCH).list())
                .chain(due -> recipientsOf(rule, due).chain(recipients -> Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(o -> {
                    o.overdue = true;
                    o.overdueNotifiedFor = o.stageEnteredAt;
                    Uni<Opportunity> saved = o.<Opportunity>persistAndFlush();
                    if (!ReminderRecipients.enabled(rule.reminder())) {
                        // the reminder is off: the deal shows as overdue in listings, nobody is sent anything
                        return saved.replaceWithVoid();
                    }
                    Instant dueAt = o.stageEnteredAt.plus(rule.duration());
                    return saved.chain(s -> publisher.emit(s, OpportunityEvents.OVERDUE, new OpportunityEvents.Overdue(s.toState(),
                            "system", rule.stageKey(), rule.durationText(), dueAt, Duration.between(dueAt, now).toSeconds(),
                            recipients.apply(s))));
                }).collect().last().map(ignored -> due.size())));
    }

    /** A lengthened duration: stays it no longer exceeds are not overdue any more (their reminder, if sent, stays sent). */
    private Uni<Integer> cleared(StageRule rule, Instant enteredBefore) {
        return Opportunity.update("overdue = false where tenantId = ?1 and salesProcessId = ?2 and stageKey = ?3 and status = ?4 "
                        + "and overdue = true and stageEnteredAt >= ?5",
                rule.tenantId(), rule.processId(), rule.stageKey(), LifecycleStatus.ACTIVE, enteredBefore);
    }

    /** The directory entries the batch's reminders need, read at once (two statements per batch). */
    private Uni<Function<Opportunity, List<String>>> recipientsOf(StageRule rule, List<Opportunity> due) {
        List<String> kinds = ReminderRecipients.kinds(rule.reminder());
        if (due.isEmpty() || !ReminderRecipients.enabled(rule.reminder()) || !kinds.contains("OWNER_MANAGER")) {
            return Uni.createFrom().item(o -> ReminderRecipients.resolve(kinds, o.ownerId, o.departmentId, Map.of(), Map.of()));
        }
        List<String> owners = due.stream().map(o -> o.ownerId).filter(Objects::nonNull).distinct().toList();
        Uni<Map<String, ReminderRecipients.Employee>> employees = owners.isEmpty() ? Uni.createFrom().item(Map.of())
                : Panache.getSession().chain(s -> s.createNativeQuery("select employee_id, department_id, manager_id from directory_employee "
                                + "where tenant_id = ?1 and employee_id in (?2)", Object[].class)
                        .setParameter(1, rule.tenantId()).setParameter(2, owners).getResultList())
                .map(rows -> {
                    Map<String, ReminderRecipients.Employee> byId = new HashMap<>();
                    rows.forEach(r -> byId.put((String) r[0], new ReminderRecipients.Employee((String) r[1], (String) r[2])));
                    return byId;
                });
        return employees.chain(byId -> {
            Set<String> departments = new HashSet<>();
            due.forEach(o -> {
                ReminderRecipients.Employee owner = o.ownerId == null ? null : byId.get(o.ownerId);
                String department = owner != null && owner.departmentId() != null ? owner.departmentId() : o.departmentId;
                if (department != null) {
                    departments.add(department);
                }
            });
            Uni<Map<String, String>> managers = departments.isEmpty() ? Uni.createFrom().item(Map.of())
                    : Panache.getSession().chain(s -> s.createNativeQuery("select department_id, manager_id from directory_department "
                                    + "where tenant_id = ?1 and department_id in (?2)", Object[].class)
                            .setParameter(1, rule.tenantId()).setParameter(2, List.copyOf(departments)).getResultList())
                    .map(rows -> {
                        Map<String, String> byDepartment = new HashMap<>();
                        rows.stream().filter(r -> r[1] != null).forEach(r -> byDepartment.put((String) r[0], (String) r[1]));
                        return byDepartment;
                    });
            return managers.map(byDepartment -> (Function<Opportunity, List<String>>) o ->
                    ReminderRecipients.resolve(kinds, o.ownerId, o.departmentId, byId, byDepartment));
        });
    }

    private SalesProcessSnapshot parse(String json) {
        try {
            return mapper.readValue(json, SalesProcessSnapshot.class);
        } catch (Exception e) {
            LOG.warnf("cached sales process unreadable, skipped by the overdue scan: %s", e.toString());
            return null;
        }
    }
}
