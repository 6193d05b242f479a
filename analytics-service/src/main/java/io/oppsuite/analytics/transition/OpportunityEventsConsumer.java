package io.oppsuite.analytics.transition;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.oppsuite.common.events.EventInbox;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

@ApplicationScoped
public class OpportunityEventsConsumer {

    /** now − the event's CloudEvent {@code time}, once its change is committed and readable through the API. */
    public static final String VISIBILITY_TIMER = "analytics.event.visibility";

    @Inject
    EventInbox inbox;

    @Inject
    OpportunityProjection projection;

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

    @Incoming("opportunity-events")
    public Uni<Void> onEvent(Message<String> message) {
        // set by the handler once the projection change is made; read after the inbox committed and acked
        AtomicReference<Instant> applied = new AtomicReference<>();
        return inbox.consume("analytics-service.opportunity-events", message,
                        event -> projection.apply(event).invoke(() -> applied.set(event.time())))
                .invoke(() -> {
                    Instant eventTime = applied.get();
                    if (eventTime != null) {
                        Duration latency = Duration.between(eventTime, Instant.now());
                        visibility.record(latency.isNegative() ? Duration.ZERO : latency); // producer clock ahead
                    }
                });
    }
}
