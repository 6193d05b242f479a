package io.oppsuite.common.events;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Forgets processed event ids once no redelivery can bring them back. An id guards against a
 * second delivery of its event: a consumer restarted before its offset commit, a relay resend
 * after a crash, a group whose offsets expired re-reading from the earliest record. Kafka keeps
 * records for {@code retention.ms} (7 days unless the topic says otherwise), and the compacted
 * pipeline-config topic's consumers are guarded by version, not by id. So ids older than the
 * retention here (14 days by default, twice Kafka's) can no longer arrive, and the table stops
 * growing with every event ever consumed.
 */
@ApplicationScoped
public class InboxRetention {

    private static final Logger LOG = Logger.getLogger(InboxRetention.class);

    @Inject
    Pool pool;

    @Inject
    InboxConfig config;

    // hourly, so each run deletes about an hour's ids; no index on processed_at: one sequential
    // scan an hour is cheaper than an index write on every consumed event
    @Scheduled(every = "1h", delayed = "15m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPurge() {
        return purge().onFailure().recoverWithItem(e -> {
            LOG.warnf("processed_event purge failed, next run retries: %s", e.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** Deletes the ids processed before the retention; answers how many. */
    public Uni<Integer> purge() {
        return pool.preparedQuery("delete from processed_event where processed_at < now() - $1 * interval '1 second'")
                .execute(Tuple.of(config.retention().toSeconds()))
                .map(rows -> rows.rowCount());
    }
}
