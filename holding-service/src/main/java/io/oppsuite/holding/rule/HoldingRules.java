package io.oppsuite.holding.rule;

import io.oppsuite.common.contracts.HoldingEvents;
import io.oppsuite.common.events.DomainEvent;
import io.oppsuite.common.events.Outbox;
import io.oppsuite.common.events.Topics;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.holding.directory.Department;
import io.oppsuite.holding.directory.UserGroup;
import io.oppsuite.holding.limit.ScopeType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The tenant's holding rules: each write in a transaction of its own, with holding-rule.changed in the outbox. */
@ApplicationScoped
public class HoldingRules {

    static final String INVALID = RuleResource.INVALID;
    static final String TITLE = RuleResource.TITLE;

    @Inject
    Outbox outbox;

    @WithTransaction
    public Uni<HoldingRule> create(Caller caller, RuleRequest request) {
        HoldingRule rule = new HoldingRule();
        rule.id = UUID.randomUUID();
        rule.tenantId = caller.tenantId();
        rule.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        apply(rule, request);
        return requireScope(caller, request).chain(() -> rule.<HoldingRule>persistAndFlush()).call(this::publish);
    }

    @WithSession
    public Uni<List<HoldingRule>> list(Caller caller) {
        return HoldingRule.ofTenant(caller.tenantId());
    }

    @WithSession
    public Uni<HoldingRule> get(Caller caller, UUID id) {
        return find(caller, id);
    }

    /** If-Match guards it (412). */
    @WithTransaction
    public Uni<HoldingRule> update(Caller caller, UUID id, Long expected, RuleRequest request) {
        return find(caller, id).call(rule -> requireScope(caller, request)).chain(rule -> {
            Preconditions.requireVersion(id, expected, rule.version);
            apply(rule, request);
            return rule.<HoldingRule>persistAndFlush().call(this::publish);
        });
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id, long expected) {
        return find(caller, id).invoke(rule -> Preconditions.requireVersion(id, expected, rule.version)).call(rule -> rule.delete())
                .call(rule -> outbox.append(new DomainEvent(Topics.HOLDING_EVENTS, HoldingEvents.RULE_CHANGED, caller.tenantId(),
                        id.toString(), new RuleView.Changed(id.toString(), true, null))))
                .replaceWithVoid();
    }

    /** A DEPARTMENT or USER_GROUP rule names one of the tenant's directory: another id is a 422. */
    private static Uni<Void> requireScope(Caller caller, RuleRequest request) {
        if (request.scopeId() == null || request.scope() == ScopeType.EMPLOYEES) {
            return Uni.createFrom().voidItem();
        }
        Uni<Boolean> exists = request.scope() == ScopeType.DEPARTMENT
                ? Department.findInTenant(caller.tenantId(), request.scopeId()).map(d -> d != null)
                : UserGroup.findInTenant(caller.tenantId(), request.scopeId()).map(g -> g != null);
        return exists.invoke(known -> {
            if (!known) {
                throw Problems.unprocessable(INVALID, TITLE, (request.scope() == ScopeType.DEPARTMENT ? "department " : "user group ")
                        + request.scopeId() + " does not exist", Map.of("scopeId", request.scopeId()));
            }
        }).replaceWithVoid();
    }

    private Uni<String> publish(HoldingRule rule) {
        return outbox.append(new DomainEvent(Topics.HOLDING_EVENTS, HoldingEvents.RULE_CHANGED, rule.tenantId, rule.id.toString(),
                new RuleView.Changed(rule.id.toString(), false, RuleView.of(rule))));
    }

    private Uni<HoldingRule> find(Caller caller, UUID id) {
        return HoldingRule.findInTenant(caller.tenantId(), id).map(r -> {
            if (r == null) {
                throw Problems.notFound("Holding rule", id);
            }
            return r;
        });
    }

    private static void apply(HoldingRule rule, RuleRequest request) {
        if ((request.limit() == null) == (request.limitField() == null)) {
            throw Problems.unprocessable(INVALID, TITLE, "give exactly one of 'limit' (a number) or 'limitField' (an employee attribute)", Map.of());
        }
        boolean grouped = request.scope() != ScopeType.EMPLOYEES;
        if (grouped && request.scopeId() == null) {
            throw Problems.unprocessable(INVALID, TITLE, request.scope() + " rules need 'scopeId' (the department or user group id)", Map.of());
        }
        if (grouped && request.limitField() != null) {
            throw Problems.unprocessable(INVALID, TITLE, "a " + request.scope() + " rule limits its members together: give a fixed 'limit'", Map.of());
        }
        if (!grouped && request.scopeId() != null) {
            throw Problems.unprocessable(INVALID, TITLE, "EMPLOYEES rules select people by 'employeeConditions', not 'scopeId'", Map.of());
        }
        if (grouped && request.employeeConditions() != null && !request.employeeConditions().isEmpty()) {
            throw Problems.unprocessable(INVALID, TITLE, "'employeeConditions' apply to EMPLOYEES rules only", Map.of());
        }
        rule.employeeConditions = ConditionJson.write(ConditionJson.validated("employeeConditions", request.employeeConditions(), INVALID, TITLE));
        rule.opportunityConditions = ConditionJson.write(ConditionJson.validated("opportunityConditions", request.opportunityConditions(), INVALID, TITLE));
        rule.name = request.name().trim();
        rule.scope = request.scope();
        rule.scopeId = request.scopeId();
        rule.limit = request.limit();
        rule.limitField = request.limitField();
    }
}
