package io.oppsuite.holding.reservation;

import io.oppsuite.common.contracts.HoldingEvents;
import io.oppsuite.common.events.DomainEvent;
import io.oppsuite.common.events.Outbox;
import io.oppsuite.common.events.Topics;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.holding.directory.DirectoryJson;
import io.oppsuite.holding.directory.Employee;
import io.oppsuite.holding.limit.Decision;
import io.oppsuite.holding.limit.HoldingLimits;
import io.oppsuite.holding.limit.Member;
import io.oppsuite.holding.limit.RuleUsage;
import io.oppsuite.holding.limit.ScopeKey;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import io.oppsuite.holding.limit.RuleSpec;
import io.oppsuite.holding.rule.HoldingPolicy;
import io.oppsuite.holding.rule.HoldingQualification;
import io.smallrye.mutiny.Multi;
import io.oppsuite.holding.scope.ScopeStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;

/**
 * Atomic check-and-reserve: every scope the owner counts in is locked (advisory, sorted), then
 * the count is taken and the reservation inserted in the same transaction, so of N concurrent
 * reservations against a limit L exactly L are granted.
 */
@ApplicationScoped
public class ReservationService {

    @Inject
    ScopeStore scopes;

    @Inject
    HoldingPolicy policy;

    @Inject
    Outbox outbox;

    @Inject
    HoldingQualification qualification;

    @ConfigProperty(name = "holding.reservation.ttl", defaultValue = "PT30S")
    Duration ttl;

    /** Granted (a reservation) or refused (the binding rule); a refusal is published as holding.limit-exceeded. */
    public record Outcome(Reservation reservation, RuleUsage refusal) {
    }

    /**
     * Runs its own transaction; the refusal's event commits with it. Only the scopes a rule would
     * count this opportunity in are locked and counted: an owner no rule limits reserves without
     * waiting for anyone.
     */
    public Uni<Outcome> reserve(String tenantId, ReservationRequest request) {
        if (!request.opportunity().isObject()) {
            throw Problems.badRequest("'opportunity' must be a JSON object (the OpportunityState as it will be written)");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> Employee.findInTenant(tenantId, request.ownerId()).chain(employee -> {
            Member member = employee != null ? DirectoryJson.member(employee) : Member.unknown(request.ownerId(), request.departmentId());
            return qualification.lockShared(tenantId)
                    .chain(() -> policy.rules(tenantId))
                    .chain(rules -> scopes.lock(tenantId, HoldingLimits.countingScopes(rules, member, request.opportunity()))
                            .chain(() -> Reservation.open(tenantId, request.opportunityId(), request.ownerId(), now))
                            .chain(existing -> existing != null
                                    ? Uni.createFrom().item(new Outcome(existing, null))
                                    : decide(tenantId, request, member, rules, now)));
        }));
    }

    private Uni<Outcome> decide(String tenantId, ReservationRequest request, Member member, List<RuleSpec> rules, Instant now) {
        List<HoldingLimits.Binding> bindings = HoldingLimits.limiting(rules, member, request.opportunity());
        return policy.definition(tenantId).chain(definition -> counts(tenantId, request.opportunityId(), definition, bindings, now).chain(counts -> {
            Decision decision = HoldingLimits.decide(definition, request.opportunity(), bindings, counts::get);
            if (!decision.granted()) {
                RuleUsage refusal = decision.refusal();
                return outbox.append(new DomainEvent(Topics.HOLDING_EVENTS, HoldingEvents.LIMIT_EXCEEDED, tenantId,
                                member.id(), new HoldingEvents.LimitExceeded(refusal.rule().id(), refusal.rule().name(),
                                member.id(), request.opportunityId(), refusal.limit(), refusal.current())))
                        .replaceWith(new Outcome(null, refusal));
            }
            Reservation r = new Reservation();
            r.id = UUID.randomUUID();
            r.tenantId = tenantId;
            r.opportunityId = request.opportunityId();
            r.ownerId = member.id();
            r.departmentId = member.departmentId();
            r.opportunity = request.opportunity().toString();
            r.status = Reservation.Status.PENDING;
            r.counted = decision.counts();
            r.createdAt = now;
            r.expiresAt = now.plus(request.ttlSeconds() == null ? ttl : Duration.ofSeconds(request.ttlSeconds()));
            return r.<Reservation>persist().map(saved -> new Outcome(saved, null));
        }));
    }

    /**
     * What each limiting rule's scope holds. A rule without opportunity conditions is counted by one
     * aggregate over the stored definition flags (once per scope); one with its own conditions reads
     * the scope's opportunities and evaluates them.
     */
    private Uni<Map<HoldingLimits.Binding, HoldingLimits.ScopeCount>> counts(String tenantId, String opportunityId,
                                                                             List<FieldCondition> definition,
                                                                             List<HoldingLimits.Binding> bindings, Instant now) {
        Map<HoldingLimits.Binding, HoldingLimits.ScopeCount> counts = new HashMap<>();
        Map<ScopeKey, HoldingLimits.ScopeCount> byScope = new HashMap<>();
        return Multi.createFrom().iterable(bindings).onItem().transformToUniAndConcatenate(binding -> {
            if (!binding.rule().opportunityConditions().isEmpty()) {
                return scopes.heldIn(tenantId, binding.scope(), now).map(held -> {
                    Set<String> ids = HoldingLimits.counted(binding.rule(), definition, held);
                    return new HoldingLimits.ScopeCount(ids.size(), ids.contains(opportunityId));
                }).invoke(count -> counts.put(binding, count));
            }
            HoldingLimits.ScopeCount known = byScope.get(binding.scope());
            return (known != null ? Uni.createFrom().item(known) : scopes.count(tenantId, binding.scope(), opportunityId, now)
                    .invoke(count -> byScope.put(binding.scope(), count)))
                    .invoke(count -> counts.put(binding, count));
        }).collect().last().replaceWith(counts);
    }

    public Uni<Reservation> find(String tenantId, UUID id) {
        return Panache.withSession(() -> Reservation.findInTenant(tenantId, id)).map(r -> {
            if (r == null) {
                throw Problems.notFound("Reservation", id);
            }
            return r;
        });
    }

    /** The write succeeded: the reservation counts until the opportunity's own event is projected. Idempotent. */
    public Uni<Void> confirm(String tenantId, UUID id) {
        return Panache.withTransaction(() -> Reservation.findInTenant(tenantId, id).chain(r -> {
            if (r == null) {
                throw Problems.notFound("Reservation", id);
            }
            switch (r.status) {
                // an expired one is confirmed all the same: the opportunity was written and will be held
                case PENDING -> r.status = Reservation.Status.CONFIRMED;
                case RELEASED -> throw Problems.conflict("reservation-released", "Reservation released",
                        "reservation " + id + " was released and cannot be confirmed", Map.of("reservationId", id.toString()));
                default -> {
                    // CONFIRMED or SETTLED: nothing to do
                }
            }
            return Uni.createFrom().voidItem();
        }));
    }

    /** The write failed or was rejected: the place is free again. Idempotent; a settled one is left to its holding. */
    public Uni<Void> release(String tenantId, UUID id) {
        return Panache.withTransaction(() -> Reservation.findInTenant(tenantId, id).chain(r -> {
            if (r == null) {
                throw Problems.notFound("Reservation", id);
            }
            if (r.status == Reservation.Status.PENDING || r.status == Reservation.Status.CONFIRMED) {
                r.status = Reservation.Status.RELEASED;
            }
            return Uni.createFrom().voidItem();
        }));
    }
}
