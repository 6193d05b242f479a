package io.oppsuite.opportunity.duplicate;

import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.opportunity.core.DuplicateMatch;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The duplicate check tool: what a candidate would duplicate, and the tenant's existing duplicate groups. Each opens its session. */
@ApplicationScoped
public class DuplicateSearch {

    @Inject
    DuplicateChecks checks;

    @Inject
    DuplicateKeyStore keys;

    /** What {@code candidate} would duplicate under the active rules (covering its operation, when it names one); nothing is created. */
    @WithSession
    public Uni<DuplicateCheckResource.CheckResult> check(Caller caller, DuplicateCheckResource.Candidate candidate) {
        Set<String> lines = candidate.productLines() == null ? Set.of() : candidate.productLines().stream()
                .map(DuplicateKeys::normalizeProductLine).filter(l -> l != null).collect(Collectors.toSet());
        DuplicateKeys.Subject subject = new DuplicateKeys.Subject(candidate.accountId(), DuplicateKeys.normalizeName(candidate.name()),
                candidate.ownerId() == null ? caller.employeeId() : candidate.ownerId(), lines, candidate.expectedCloseDate());
        return DuplicateRule.activeOf(caller.tenantId())
                .chain(rules -> checks.matches(caller.tenantId(), rules, candidate.operation(), subject, candidate.excludeId()))
                .map(matches -> new DuplicateCheckResource.CheckResult(!matches.isEmpty(),
                        matches.stream().anyMatch(m -> m.action() == DuplicateMatch.Action.BLOCK), matches));
    }

    /** Opportunities sharing a key under a rule (for close-date rules, chained within the window). */
    @WithSession
    @SuppressWarnings("unchecked")
    public Uni<List<DuplicateCheckResource.DuplicateGroup>> groups(Caller caller) {
        return DuplicateRule.activeOf(caller.tenantId()).chain(rules -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select cast(k.rule_id as text), k.key_hash, cast(o.id as text), o.name, o.owner_id, o.expected_close_date
                        from duplicate_key k join opportunity o on o.id = k.opportunity_id
                        where k.tenant_id = ?1 and (k.rule_id, k.key_hash) in (
                            select rule_id, key_hash from duplicate_key where tenant_id = ?1
                            group by rule_id, key_hash having count(*) > 1)
                        order by 1, 2, o.expected_close_date, o.created_at limit 10000""", Object[].class)
                .setParameter(1, caller.tenantId()).getResultList()).map(rows -> {
                    Map<String, DuplicateRule> byId = rules.stream().collect(Collectors.toMap(r -> r.id.toString(), r -> r));
                    Map<String, List<Object[]>> byKey = new LinkedHashMap<>();
                    for (Object[] row : (List<Object[]>) (List<?>) rows) {
                        byKey.computeIfAbsent(row[0] + "/" + row[1], k -> new ArrayList<>()).add(row);
                    }
                    List<DuplicateCheckResource.DuplicateGroup> groups = new ArrayList<>();
                    for (List<Object[]> members : byKey.values()) {
                        DuplicateRule rule = byId.get((String) members.get(0)[0]);
                        if (rule == null) {
                            continue;
                        }
                        Integer window = DuplicateKeys.closeDateWindow(keys.matchers(rule));
                        List<DuplicateCheckResource.Member> current = new ArrayList<>();
                        LocalDate last = null;
                        for (Object[] row : members) {
                            LocalDate date = row[5] == null ? null : (row[5] instanceof LocalDate d ? d : LocalDate.parse(row[5].toString()));
                            if (window != null && last != null && date != null && date.isAfter(last.plusDays(window))) {
                                flush(groups, rule, current);
                                current = new ArrayList<>();
                            }
                            current.add(new DuplicateCheckResource.Member((String) row[2], (String) row[3], (String) row[4], date));
                            last = date;
                        }
                        flush(groups, rule, current);
                    }
                    return groups;
                }));
    }

    private static void flush(List<DuplicateCheckResource.DuplicateGroup> groups, DuplicateRule rule, List<DuplicateCheckResource.Member> members) {
        if (members.size() > 1) {
            groups.add(new DuplicateCheckResource.DuplicateGroup(rule.id.toString(), rule.name, rule.action, List.copyOf(members)));
        }
    }
}
