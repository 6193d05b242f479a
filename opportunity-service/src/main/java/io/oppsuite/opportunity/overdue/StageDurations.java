package io.oppsuite.opportunity.overdue;

import java.time.Duration;
import java.time.Period;
import java.util.Optional;

/** A stage's duration setting (ISO-8601: P14D, PT36H, P1M) as a Duration. Plain Java. */
public final class StageDurations {

    private StageDurations() {
    }

    public static Optional<Duration> parse(String iso) {
        if (iso == null || iso.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(iso));
        } catch (RuntimeException notADuration) {
            try {
                Period period = Period.parse(iso);
                return Optional.of(Duration.ofDays(period.toTotalMonths() * 30 + period.getDays()));
            } catch (RuntimeException notAPeriod) {
                return Optional.empty();
            }
        }
    }
}
