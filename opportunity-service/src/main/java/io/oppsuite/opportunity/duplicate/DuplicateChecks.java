package io.oppsuite.opportunity.duplicate;

import io.oppsuite.opportunity.core.DuplicateMatch;
import io.oppsuite.common.problem.Problems;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Duplicate enforcement inside a write's transaction: lock the candidate's keys, look them up,
 * answer 409 for a BLOCK match, return WARN matches, then (after the write) store the keys.
 * Lock → check → insert → commit is what makes 20 parallel identical creates give exactly one.
 */
@ApplicationScoped
public class DuplicateChecks {

    @Inject
    DuplicateKeyStore keys;

    /** Every match under the tenant's active rules that cover the operation (null: every rule). */
    public Uni<List<DuplicateMatch>> matches(String tenantId, List<DuplicateRule> rules, DuplicateRule.AppliesTo operation,
                                             DuplicateKeys.Subject subject, UUID excludeId) {
        List<DuplicateRule> applicable = rules.stream()
                .filter(r -> operation == null || r.appliesTo.covers(operation)).toList();
        List<DuplicateMatch> all = new ArrayList<>();
        return Multi.createFrom().iterable(applicable)
                .onItem().transformToUniAndConcatenate(rule -> keys.find(tenantId, rule, subject, excludeId).invoke(all::addAll))
                .collect().last().map(ignored -> List.copyOf(all));
    }

    /**
     * Locks, checks and fails with 409 on a BLOCK match; otherwise the WARN matches. Must run in the
     * write's transaction; call {@link #record} in the same transaction after the write.
     */
    public Uni<List<DuplicateMatch>> enforce(String tenantId, List<DuplicateRule> rules, DuplicateRule.AppliesTo operation,
                                             DuplicateKeys.Subject subject, UUID excludeId) {
        return keys.lock(tenantId, rules, subject)
                .chain(() -> matches(tenantId, rules, operation, subject, excludeId))
                .map(found -> {
                    List<DuplicateMatch> blocking = found.stream().filter(m -> m.action() == DuplicateMatch.Action.BLOCK).toList();
                    if (!blocking.isEmpty()) {
                        throw Problems.conflict("duplicate-opportunity", "Duplicate opportunity",
                                "the opportunity duplicates " + blocking.size() + " existing opportunit"
                                        + (blocking.size() == 1 ? "y" : "ies") + " under rule '" + blocking.get(0).ruleName() + "'",
                                Map.of("matches", blocking, "ruleId", blocking.get(0).ruleId(), "ruleName", blocking.get(0).ruleName()));
                    }
                    return found;
                });
    }

    public Uni<Void> record(String tenantId, UUID opportunityId, List<DuplicateRule> rules, DuplicateKeys.Subject subject) {
        return keys.refresh(tenantId, opportunityId, rules, subject);
    }
}
