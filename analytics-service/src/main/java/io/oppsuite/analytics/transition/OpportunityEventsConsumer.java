package io.oppsuite.analytics.transition;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.oppsuite.analytics.team.SalesTeamProjection;
import io.oppsuite.common.events.EventInbox;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

@ApplicationScoped
public class OpportunityEventsConsumer {

    /** now − the event's CloudEvent {@code time}, once its change is committed and readable through the API. */
    public static final String VISIBILITY_TIMER = "analytics.event.visibility";

    @Inject
    EventInbox inbox;

    @Inject
    OpportunityProjection projection;

    @Inject
    SalesTeamProjection teams;

    @Inject
    MeterRegistry registry;

    Timer visibility;

    @PostConstruct
    void meters() {
        visibility = Timer.builder(VISIBILITY_TIMER)
                .description("Stage change (event time) to visible in analytics (projection committed)")
                .publishPercentiles(0.5, 0.95, 0.99)
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry);
    }

    /** One poll at a time, in one transaction (see {@link EventInbox#consumeBatch}). */
    @Incoming("opportunity-events")
    public Uni<Void> onEvents(KafkaRecordBatch<String, String> batch) {
        // event id → time of the applied events, read after the inbox committed and acked; keyed by id so a
        // batch that is retried, or replayed event by event, times each event once
        Map<String, Instant> applied = new HashMap<>();
        return inbox.consumeBatch("analytics-service.opportunity-events", batch,
                        e -> projection.projects(e.type()) || teams.projects(e.type()),
                        // the teams after the log: both in the poll's one transaction
                        events -> projection.applyAll(events).chain(() -> teams.applyAll(events))
                                .invoke(() -> events.forEach(e -> applied.put(e.id(), e.time()))))
                .invoke(() -> {
                    Instant now = Instant.now();
                    for (Instant eventTime : applied.values()) {
                        Duration latency = Duration.between(eventTime, now);
                        visibility.record(latency.isNegative() ? Duration.ZERO : latency); // producer clock ahead
                    }
                });
    }
}
