package io.oppsuite.opportunity.overdue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.opportunity.core.LifecycleStatus;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.core.OpportunityService;
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
import java.util.List;

/**
 * Finds opportunities whose current stay is longer than the stage's duration, marks them overdue
 * and emits one {@code opportunity.overdue} per stay. The stay already reported is stored on the
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
    OpportunityService opportunities;

    @Inject
    ObjectMapper mapper;

    private record StageRule(String tenantId, String processId, String stageKey, Duration duration) {
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
                        StageDurations.parse(stage.settingsOrDefault().duration())
                                .ifPresent(d -> rules.add(new StageRule(c.tenantId, c.processId, stage.key(), d)));
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
        Instant enteredBefore = Instant.now().minus(rule.duration());
        return Opportunity.<Opportunity>find("tenantId = ?1 and salesProcessId = ?2 and stageKey = ?3 and status = ?4 "
                                + "and stageEnteredAt < ?5 and (overdueNotifiedFor is null or overdueNotifiedFor <> stageEnteredAt)",
                        rule.tenantId(), rule.processId(), rule.stageKey(), LifecycleStatus.ACTIVE, enteredBefore)
                .page(0, BATCH).list()
                .chain(due -> Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(o -> {
                    o.overdue = true;
                    o.overdueNotifiedFor = o.stageEnteredAt;
                    return o.<Opportunity>persistAndFlush().chain(saved -> opportunities.emit(saved, OpportunityEvents.OVERDUE,
                            new OpportunityEvents.Changed(saved.toState(), "system")));
                }).collect().last().map(ignored -> due.size()));
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
