package io.oppsuite.holding.reservation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A place kept for an opportunity about to be written for {@code ownerId}. PENDING and CONFIRMED
 * count until {@code expiresAt} (confirming moves it to the confirmed TTL) or until the
 * opportunity's own event is projected (SETTLED); RELEASED never counts again.
 */
@Entity
@Table(name = "reservation")
public class Reservation extends PanacheEntityBase {

    public enum Status { PENDING, CONFIRMED, RELEASED, SETTLED }

    @Id
    public UUID id;
    public String tenantId;
    public String opportunityId;
    public String ownerId;
    public String departmentId;
    /** The opportunity as it will be once written (OpportunityState JSON). */
    public String opportunity;
    @Enumerated(EnumType.STRING)
    public Status status;
    public Instant expiresAt;
    public Instant createdAt;
    /** False when the opportunity does not meet the holding definition: kept for idempotency, never counted. */
    public boolean counted;
    /** Who asked for it (the token's subject). */
    public String reservedBy;

    /** The open (counting or awaiting) reservation of this opportunity for this owner, if any. */
    public static Uni<Reservation> open(String tenantId, String opportunityId, String ownerId, Instant now) {
        return find("tenantId = ?1 and opportunityId = ?2 and ownerId = ?3 and status in (?4, ?5) and expiresAt > ?6",
                tenantId, opportunityId, ownerId, Status.CONFIRMED, Status.PENDING, now).firstResult();
    }

    /** {@code ownerId}'s reservations that count now, oldest first (the SQL twin: {@code ScopeStore.RESERVATION_COUNTS}). */
    public static Uni<List<Reservation>> counting(String tenantId, String ownerId, Instant now) {
        return list("tenantId = ?1 and ownerId = ?2 and counted = true and status in ?3 and expiresAt > ?4 order by createdAt",
                tenantId, ownerId, List.of(Status.PENDING, Status.CONFIRMED), now);
    }

    public static Uni<Reservation> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    public boolean expired(Instant now) {
        return (status == Status.PENDING || status == Status.CONFIRMED) && !expiresAt.isAfter(now);
    }
}
