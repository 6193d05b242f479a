package io.oppsuite.common.events;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The relay's polling fallback, for a NOTIFY that was missed (relay restarted, LISTEN
 * connection lost). A separate bean so the scheduler cannot create the relay, and with it
 * the Kafka emitter, before reactive messaging has wired its channels.
 */
@ApplicationScoped
public class OutboxPoller {

    @Inject
    OutboxRelay relay;

    /** {@link OutboxSettings#pollInterval()}: a schedule reads its interval from the property itself. */
    @Scheduled(every = "${suite.outbox.poll-interval:2s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (OutboxRelay.ready) {
            relay.wake();
        }
    }

    @Scheduled(every = "1h", delayed = "10m")
    Uni<Void> purgeSent() {
        return OutboxRelay.ready ? relay.purgeSent() : Uni.createFrom().voidItem();
    }
}
