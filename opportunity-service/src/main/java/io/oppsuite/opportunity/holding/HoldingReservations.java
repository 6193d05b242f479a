package io.oppsuite.opportunity.holding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.problem.Problems;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Holding-limit reservations around opportunity writes: reserve before the write (409 naming the
 * rule and limit), confirm after commit, release when the write fails. holding-service down or slow
 * → 503 with Retry-After and nothing written. No retries: a retried reserve could double-count.
 */
@ApplicationScoped
public class HoldingReservations {

    private static final Logger LOG = Logger.getLogger(HoldingReservations.class);
    static final int RETRY_AFTER_SECONDS = 5;

    @Inject
    @RestClient
    HoldingClient client;

    @Inject
    ObjectMapper mapper;

    /**
     * One write's reservation: created by {@link #reserve}, then confirmed or released exactly once, all within
     * the request being served (its Authorization header goes along: {@link HoldingClient}).
     */
    public static final class Ticket {
        volatile String reservationId;

        public String reservationId() {
            return reservationId;
        }
    }

    public Ticket ticket() {
        return new Ticket();
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @AsynchronousNonBlocking
    public Uni<HoldingClient.Reservation> reserveCall(HoldingClient.ReservationRequest request) {
        return client.reserve(request);
    }

    /** Reserves a place for {@code state} under its owner and its department, or fails with the problem to answer. */
    public Uni<Void> reserve(Ticket ticket, OpportunityState state) {
        return reserve(ticket, state, state.departmentId()).replaceWithVoid();
    }

    /**
     * Reserves a place for {@code state} under its owner, or fails with the problem to answer (409
     * limit, 403 not the caller's to act for, 422 department not allowed or unknown, 503). The
     * answer is the department the directory files the deal under (null when holding-service names
     * none): a rep's own, a manager's own, or for an admin {@code requestedDepartment}.
     */
    public Uni<String> reserve(Ticket ticket, OpportunityState state, String requestedDepartment) {
        HoldingClient.ReservationRequest request = new HoldingClient.ReservationRequest(state.id(), state.ownerId(),
                requestedDepartment, state);
        return reserveCall(request)
                .onFailure().transform(this::toProblem)
                .invoke(reservation -> ticket.reservationId = reservation.reservationId())
                .map(HoldingClient.Reservation::departmentId);
    }

    /**
     * A write in its own transaction with {@code ticket}'s reservation around it (the write
     * reserves): confirmed after commit, released when anything failed.
     */
    public <T> Uni<T> inTransaction(Ticket ticket, java.util.function.Supplier<Uni<T>> write) {
        return io.quarkus.hibernate.reactive.panache.Panache.withTransaction(write)
                .call(() -> confirm(ticket))
                .onFailure().call(() -> release(ticket));
    }

    /** After commit; a failed confirm only means the reservation expires while the event takes over. */
    public Uni<Void> confirm(Ticket ticket) {
        if (ticket.reservationId == null) {
            return Uni.createFrom().voidItem();
        }
        return client.confirm(ticket.reservationId)
                .ifNoItem().after(java.time.Duration.ofSeconds(2)).fail()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("confirming holding reservation %s failed (it expires instead): %s", ticket.reservationId, e.toString());
                    return null;
                }).replaceWithVoid();
    }

    /** The write failed: give the place back (best effort; an unconfirmed reservation expires anyway). */
    public Uni<Void> release(Ticket ticket) {
        if (ticket.reservationId == null) {
            return Uni.createFrom().voidItem();
        }
        String id = ticket.reservationId;
        ticket.reservationId = null;
        return client.release(id)
                .ifNoItem().after(java.time.Duration.ofSeconds(2)).fail()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("releasing holding reservation %s failed (it expires instead): %s", id, e.toString());
                    return null;
                }).replaceWithVoid();
    }

    private Throwable relayed(HoldingServiceException refused) {
        String type = "holding-reservation-refused";
        String detail = "holding-service answered " + refused.status();
        Map<String, Object> extensions = new LinkedHashMap<>();
        try {
            JsonNode body = refused.body() == null ? mapper.createObjectNode() : mapper.readTree(refused.body());
            if (body.hasNonNull("type")) {
                type = body.get("type").asText().replace("https://oppsuite.io/problems/", "");
            }
            if (body.hasNonNull("detail")) {
                detail = body.get("detail").asText();
            }
            for (String field : new String[]{"departmentId", "allowedDepartmentId"}) {
                if (body.hasNonNull(field)) {
                    extensions.put(field, body.get(field).asText());
                }
            }
        } catch (Exception e) {
            LOG.debugf("holding-service %d body unreadable: %s", refused.status(), e.toString());
        }
        return refused.status() == 403 ? Problems.forbidden(detail) : Problems.unprocessable(type, "Owner or department not allowed", detail, extensions);
    }

    private Throwable toProblem(Throwable failure) {
        if (failure instanceof HoldingServiceException refused && refused.status() == 409) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            String detail = "the owner has reached a holding limit";
            try {
                JsonNode body = refused.body() == null ? mapper.createObjectNode() : mapper.readTree(refused.body());
                for (String field : new String[]{"ruleId", "ruleName", "limit", "current", "scope", "ownerId"}) {
                    if (body.hasNonNull(field)) {
                        extensions.put(field, mapper.treeToValue(body.get(field), Object.class));
                    }
                }
                if (body.hasNonNull("detail")) {
                    detail = body.get("detail").asText();
                }
            } catch (Exception e) {
                LOG.debugf("holding-service 409 body unreadable: %s", e.toString());
            }
            return Problems.conflict("holding-limit-exceeded", "Holding limit reached", detail, extensions);
        }
        if (failure instanceof HoldingServiceException refused && (refused.status() == 403 || refused.status() == 422)) {
            // the owner rule (who may act for whom, under which department) is holding-service's answer to pass on
            return relayed(refused);
        }
        if (failure instanceof HoldingServiceException other && other.status() >= 400 && other.status() < 500) {
            LOG.errorf("holding-service refused our reservation request: %s", other.getMessage());
            return Problems.unprocessable("holding-reservation-refused", "Holding reservation refused",
                    "holding-service answered " + other.status(), Map.of());
        }
        LOG.warnf("holding-service unavailable: %s", failure.toString());
        return Problems.serviceUnavailable("holding-service is unavailable; nothing was written, retry later", RETRY_AFTER_SECONDS);
    }
}
