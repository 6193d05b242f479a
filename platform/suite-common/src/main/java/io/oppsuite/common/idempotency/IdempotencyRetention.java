package io.oppsuite.common.idempotency;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Forgets idempotency keys older than {@link IdempotentRequests#TTL}: they are new keys by then anyway. */
@ApplicationScoped
public class IdempotencyRetention {

    private static final Logger LOG = Logger.getLogger(IdempotencyRetention.class);

    @Inject
    Pool pool;

    @Scheduled(every = "1h", delayed = "20m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPurge() {
        return purge().onFailure().recoverWithItem(e -> {
            LOG.warnf("idempotency_record purge failed, next run retries: %s", e.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** Deletes the expired keys; answers how many. */
    public Uni<Integer> purge() {
        return pool.preparedQuery("delete from idempotency_record where created_at < now() - $1 * interval '1 second'")
                .execute(Tuple.of(IdempotentRequests.TTL.toSeconds()))
                .map(rows -> rows.rowCount());
    }
}
