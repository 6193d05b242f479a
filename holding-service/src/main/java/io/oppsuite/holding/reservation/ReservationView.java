package io.oppsuite.holding.reservation;

import java.time.Instant;

/**
 * The answer to POST /holdings/reservations and GET of one.
 *
 * @param departmentId the department the opportunity is filed under (the directory's, see the owner rule)
 */
public record ReservationView(String reservationId, String opportunityId, String ownerId, String departmentId, boolean counted,
                              Instant expiresAt, String status) {

    public static ReservationView of(Reservation r, Instant now) {
        return new ReservationView(r.id.toString(), r.opportunityId, r.ownerId, r.departmentId, r.counted, r.expiresAt,
                r.expired(now) ? "EXPIRED" : r.status.name());
    }
}
