package io.oppsuite.holding.reservation;

import java.time.Instant;

/** The answer to POST /holdings/reservations. */
public record ReservationView(String reservationId, boolean counted, Instant expiresAt, String status) {

    static ReservationView of(Reservation r, Instant now) {
        return new ReservationView(r.id.toString(), r.counted, r.expiresAt, r.expired(now) ? "EXPIRED" : r.status.name());
    }
}
