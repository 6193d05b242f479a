package io.oppsuite.holding.reservation;

import io.oppsuite.common.contracts.HoldingEvents;
import io.oppsuite.common.events.DomainEvent;
import io.oppsuite.common.events.Outbox;
import io.oppsuite.common.events.Topics;
import io.oppsuite.common.problem.Problems;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.holding.directory.Department;
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
import io.oppsuite.holding.team.SalesTeams;
import io.oppsuite.holding.team.TeamDeal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    @Inject
    SalesTeams teams;

    @Inject
    ReservationSettings settings;

    /** Granted (a reservation) or refused (the binding rule); a refusal is published as holding.limit-exceeded. */
    public record Outcome(Reservation reservation, RuleUsage refusal) {
    }

    /**
     * Runs its own transaction; the refusal's event commits with it. Only the scopes a rule would
     * count this opportunity in are locked and counted: an owner no rule limits reserves without
     * waiting for anyone.
     */
    public Uni<Outcome> reserve(Caller caller, ReservationRequest request) {
        if (!request.opportunity().isObject()) {
            throw Problems.badRequest("'opportunity' must be a JSON object (the OpportunityState as it will be written)");
        }
        String tenantId = caller.tenantId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> Employee.findInTenant(tenantId, request.ownerId()).chain(employee ->
                authorize(caller, request, employee).chain(department -> {
                    Member member = employee != null ? DirectoryJson.member(employee) : Member.unknown(request.ownerId(), department);
                    // the opportunity is counted under the department the directory gives it, whatever the client sent
                    ObjectNode opportunity = ((ObjectNode) request.opportunity()).deepCopy();
                    opportunity.put("departmentId", department);
                    return qualification.lockShared(tenantId)
                            .chain(() -> policy.rules(tenantId))
                            .chain(rules -> scopes.lock(tenantId, HoldingLimits.countingScopes(rules, member, opportunity))
                                    .chain(() -> Reservation.open(tenantId, request.opportunityId(), request.ownerId(), now))
                                    // a retry of the same request gets the same reservation; the deal as changed since
                                    // (an edit, a move, a new owner) is decided anew: the change may make it count
                                    .chain(existing -> existing != null && existing.opportunity.equals(opportunity.toString())
                                            ? Uni.createFrom().item(new Outcome(existing, null))
                                            : decide(caller, request, opportunity, department, member, rules, now)));
                })));
    }

    /**
     * The owner rule with the directory's departments, and for someone else's deal the caller's
     * access on its sales team: the department to file under, or 403/422.
     */
    private Uni<String> authorize(Caller caller, ReservationRequest request, Employee owner) {
        String tenantId = caller.tenantId();
        boolean forSelf = caller.employeeId().equals(request.ownerId());
        Uni<Employee> self = forSelf ? Uni.createFrom().item(owner) : Employee.findInTenant(tenantId, caller.employeeId());
        Uni<Boolean> requestedExists = request.departmentId() == null ? Uni.createFrom().item(false)
                : Department.findInTenant(tenantId, request.departmentId()).map(d -> d != null);
        // the team matters only for someone else's deal and a caller who is not an admin (one PK lookup)
        Uni<TeamDeal> deal = forSelf || caller.isAdmin() ? Uni.createFrom().nullItem()
                : teams.deal(tenantId, request.opportunityId(), caller.employeeId());
        return self.chain(me -> requestedExists.chain(exists -> deal.map(d -> OwnerAuthority.departmentFor(caller, me != null,
                me == null ? null : me.departmentId, request.ownerId(), owner != null, owner == null ? null : owner.departmentId,
                request.departmentId(), exists, d))));
    }

    private Uni<Outcome> decide(Caller caller, ReservationRequest request, ObjectNode opportunity, String department, Member member,
                                List<RuleSpec> rules, Instant now) {
        String tenantId = caller.tenantId();
        List<HoldingLimits.Binding> bindings = HoldingLimits.limiting(rules, member, opportunity);
        return policy.definition(tenantId).chain(definition -> counts(tenantId, request.opportunityId(), definition, bindings, now).chain(counts -> {
            Decision decision = HoldingLimits.decide(definition, opportunity, bindings, counts::get);
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
            r.departmentId = department;
            r.opportunity = opportunity.toString();
            r.reservedBy = caller.employeeId();
            r.status = Reservation.Status.PENDING;
            r.counted = decision.counts();
            r.createdAt = now;
            r.expiresAt = now.plus(request.ttlSeconds() == null ? settings.ttl() : Duration.ofSeconds(request.ttlSeconds()));
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

    /**
     * A reservation the caller may handle (whoever may act for its owner, whoever made it, an edit
     * member of the deal's team for its current owner: {@link OwnerAuthority#mayHandle}); anyone
     * else's is a 404.
     */
    public Uni<Reservation> find(Caller caller, UUID id) {
        return Panache.withSession(() -> Reservation.findInTenant(caller.tenantId(), id).chain(r -> visible(caller, r, id)));
    }

    /** Needs a session; the team is looked up only when the owner rule and the maker do not decide. */
    private Uni<Reservation> visible(Caller caller, Reservation r, UUID id) {
        if (r == null) {
            throw Problems.notFound("Reservation", id);
        }
        if (OwnerAuthority.mayHandle(caller, r.ownerId, r.departmentId, r.reservedBy)) {
            return Uni.createFrom().item(r);
        }
        return teams.deal(caller.tenantId(), r.opportunityId, caller.employeeId()).map(deal -> {
            if (!OwnerAuthority.mayHandle(caller, r.ownerId, r.departmentId, r.reservedBy, deal)) {
                throw Problems.notFound("Reservation", id);
            }
            return r;
        });
    }

    /**
     * The write succeeded: the reservation counts until the opportunity's own event is projected,
     * or at most {@code holding.reservation.confirmed-ttl} from now, so that a confirmed reservation
     * whose opportunity never comes (a client that confirms without writing) stops counting.
     * Idempotent: confirming again does not extend it.
     */
    public Uni<Void> confirm(Caller caller, UUID id) {
        return Panache.withTransaction(() -> Reservation.findInTenant(caller.tenantId(), id).chain(found -> visible(caller, found, id)).chain(r -> {
            switch (r.status) {
                // an expired one is confirmed all the same: the opportunity was written and will be held
                case PENDING -> {
                    r.status = Reservation.Status.CONFIRMED;
                    r.expiresAt = Instant.now().truncatedTo(ChronoUnit.MICROS).plus(settings.confirmedTtl());
                }
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
    public Uni<Void> release(Caller caller, UUID id) {
        return Panache.withTransaction(() -> Reservation.findInTenant(caller.tenantId(), id).chain(found -> visible(caller, found, id)).chain(r -> {
            if (r.status == Reservation.Status.PENDING || r.status == Reservation.Status.CONFIRMED) {
                r.status = Reservation.Status.RELEASED;
            }
            return Uni.createFrom().voidItem();
        }));
    }
}
