package io.oppsuite.holding.rule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import io.oppsuite.common.json.Json;
import io.oppsuite.holding.limit.HoldingLimits;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the stored "meets the holding definition" flags (holding.qualifies, reservation.counted)
 * in step with the tenant's definition. Every writer of a flag holds the tenant's definition lock
 * shared; a definition change holds it exclusively while it recomputes them all, so no flag is
 * computed against a definition that is being replaced. Needs a transaction.
 */
@ApplicationScoped
public class HoldingQualification {

    private static final Logger LOG = Logger.getLogger(HoldingQualification.class);
    private static final int CHUNK = 1000;

    @Inject
    ObjectMapper mapper;

    /** Taken by the projection and by reservations before they compute a flag. */
    public Uni<Void> lockShared(String tenantId) {
        return lock("pg_advisory_xact_lock_shared", tenantId);
    }

    /** Taken by a definition change, before it is written. */
    public Uni<Void> lockExclusive(String tenantId) {
        return lock("pg_advisory_xact_lock", tenantId);
    }

    private Uni<Void> lock(String function, String tenantId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select cast(1 as integer) from " + function + "(hashtextextended(?1, 0))", Integer.class)
                .setParameter(1, "holding-definition:" + tenantId)
                .getSingleResult()).replaceWithVoid();
    }

    /** Recomputes every live holding's and open reservation's flag of the tenant; call under {@link #lockExclusive}. */
    public Uni<Void> requalify(String tenantId, List<FieldCondition> definition) {
        return requalify(tenantId, definition, "holding", "opportunity_id", "not deleted", "qualifies")
                .chain(() -> requalify(tenantId, definition, "reservation", "cast(id as text)",
                        "status in ('PENDING', 'CONFIRMED')", "counted"));
    }

    private Uni<Void> requalify(String tenantId, List<FieldCondition> definition, String table, String key, String live, String flag) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                                "select " + key + ", opportunity from " + table + " where tenant_id = ?1 and " + live, Object[].class)
                        .setParameter(1, tenantId).getResultList())
                .chain(rows -> {
                    List<String> qualifying = new ArrayList<>();
                    for (Object[] row : rows) {
                        if (HoldingLimits.meets(definition, Json.tree(mapper, (String) row[1]))) {
                            qualifying.add((String) row[0]);
                        }
                    }
                    Uni<Integer> none = Panache.getSession().chain(s -> s.createNativeQuery(
                                    "update " + table + " set " + flag + " = false where tenant_id = ?1 and " + live)
                            .setParameter(1, tenantId).executeUpdate());
                    return none.chain(() -> Multi.createFrom().iterable(chunks(qualifying))
                            .onItem().transformToUniAndConcatenate(chunk -> Panache.getSession().chain(s -> s.createNativeQuery(
                                            "update " + table + " set " + flag + " = true where tenant_id = ?1 and " + key + " in (?2)")
                                    .setParameter(1, tenantId).setParameter(2, chunk).executeUpdate()))
                            .collect().last().replaceWithVoid());
                });
    }

    /** Definitions saved before the flags existed: qualified once, in the background, after startup. */
    @Scheduled(every = "1h", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> qualifyPending() {
        return Panache.withSession(() -> HoldingDefinition.<HoldingDefinition>list("qualified = false"))
                .chain(pending -> Multi.createFrom().iterable(pending)
                        .onItem().transformToUniAndConcatenate(d -> Panache.withTransaction(() -> lockExclusive(d.tenantId)
                                .chain(() -> HoldingDefinition.<HoldingDefinition>findById(d.tenantId))
                                .chain(current -> current == null || current.qualified ? Uni.createFrom().voidItem()
                                        : requalify(current.tenantId, ConditionJson.read(current.conditions))
                                        .invoke(() -> current.qualified = true)))
                                .invoke(() -> LOG.infof("holding flags of tenant %s qualified against its definition", d.tenantId)))
                        .collect().last().replaceWithVoid());
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
        }
        return chunks;
    }
}
