package io.oppsuite.opportunity.duplicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.json.Json;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The tenant's duplicate rules: each write in a transaction of its own; a new or changed rule gets the keys of every existing opportunity. */
@ApplicationScoped
public class DuplicateRules {

    @Inject
    DuplicateKeyStore keys;

    @Inject
    ObjectMapper mapper;

    @WithTransaction
    public Uni<DuplicateRule> create(Caller caller, DuplicateRuleRequest request) {
        DuplicateRule rule = new DuplicateRule();
        rule.id = UUID.randomUUID();
        rule.tenantId = caller.tenantId();
        rule.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        apply(rule, request);
        return rule.<DuplicateRule>persistAndFlush()
                .call(saved -> saved.active ? keys.backfill(caller.tenantId(), saved) : Uni.createFrom().voidItem());
    }

    @WithSession
    public Uni<List<DuplicateRule>> list(Caller caller) {
        return DuplicateRule.list("tenantId = ?1 order by createdAt, id", caller.tenantId());
    }

    @WithSession
    public Uni<DuplicateRule> get(Caller caller, UUID id) {
        return find(caller, id);
    }

    /** If-Match guards it; the rule's keys are recomputed. */
    @WithTransaction
    public Uni<DuplicateRule> update(Caller caller, UUID id, Long expected, DuplicateRuleRequest request) {
        return find(caller, id).chain(rule -> {
            Preconditions.requireVersion(id, expected, rule.version);
            apply(rule, request);
            return rule.<DuplicateRule>persistAndFlush()
                    .call(saved -> keys.removeRule(saved.id))
                    .call(saved -> saved.active ? keys.backfill(caller.tenantId(), saved) : Uni.createFrom().voidItem());
        });
    }

    /** Its keys go with it; opportunities are not touched. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id, long expected) {
        return find(caller, id)
                .invoke(rule -> Preconditions.requireVersion(id, expected, rule.version))
                .call(rule -> keys.removeRule(rule.id))
                .call(rule -> rule.delete())
                .replaceWithVoid();
    }

    public DuplicateRuleView view(DuplicateRule r) {
        return new DuplicateRuleView(r.id.toString(), r.name, r.action, r.appliesTo, keys.matchers(r), r.active, r.createdAt, r.version);
    }

    private Uni<DuplicateRule> find(Caller caller, UUID id) {
        return DuplicateRule.findInTenant(caller.tenantId(), id).map(r -> {
            if (r == null) {
                throw Problems.notFound("Duplicate rule", id);
            }
            return r;
        });
    }

    private void apply(DuplicateRule rule, DuplicateRuleRequest request) {
        if (new HashSet<>(request.matchers().stream().map(DuplicateMatcher::type).toList()).size() != request.matchers().size()) {
            throw Problems.unprocessable("invalid-duplicate-rule", "Invalid duplicate rule", "a matcher type may appear once per rule", Map.of());
        }
        for (DuplicateMatcher m : request.matchers()) {
            if (m.type() == DuplicateMatcher.Type.CLOSE_DATE_WITHIN && m.days() == null) {
                throw Problems.unprocessable("invalid-duplicate-rule", "Invalid duplicate rule", "CLOSE_DATE_WITHIN needs 'days'", Map.of());
            }
        }
        rule.name = request.name().trim();
        rule.action = request.action();
        rule.appliesTo = request.appliesTo() == null ? DuplicateRule.AppliesTo.ALL : request.appliesTo();
        rule.active = request.active() == null || request.active();
        rule.matchers = Json.write(mapper, request.matchers());
    }
}
