package io.oppsuite.common.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Dates and instants the suite accepts: years 1 to 9999, what PostgreSQL stores without shifting
 * (year 0 and before would come back as another date) and what ISO-8601 writes without a sign.
 */
public final class DateBounds {

    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9999;
    private static final Instant MIN_INSTANT = LocalDate.of(MIN_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant MAX_INSTANT = LocalDate.of(MAX_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    private DateBounds() {
    }

    public static LocalDate check(LocalDate date) {
        if (date != null && (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR)) {
            throw new IllegalArgumentException("year " + date.getYear() + " is outside " + MIN_YEAR + "-" + MAX_YEAR);
        }
        return date;
    }

    public static Instant check(Instant instant) {
        if (instant != null && (instant.isBefore(MIN_INSTANT) || !instant.isBefore(MAX_INSTANT))) {
            throw new IllegalArgumentException("instant " + instant + " is outside years " + MIN_YEAR + "-" + MAX_YEAR);
        }
        return instant;
    }
}
