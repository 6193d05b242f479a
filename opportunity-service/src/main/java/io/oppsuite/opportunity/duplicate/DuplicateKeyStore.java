package io.oppsuite.opportunity.duplicate;

import io.oppsuite.opportunity.core.DuplicateMatch;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/** duplicate_key rows: written with each opportunity change, looked up by index, never by scanning opportunities. */
@ApplicationScoped
public class DuplicateKeyStore {

    @Inject
    ObjectMapper mapper;

    public List<DuplicateMatcher> matchers(DuplicateRule rule) {
        try {
            return mapper.readValue(rule.matchers, new TypeReference<List<DuplicateMatcher>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("duplicate rule " + rule.id + " has unreadable matchers", e);
        }
    }

    /**
     * Takes the transaction-scoped advisory locks of every key, in a fixed order so two
     * transactions never deadlock; a concurrent identical create waits here until the first commits.
     */
    public Uni<Void> lock(String tenantId, List<DuplicateRule> rules, DuplicateKeys.Subject subject) {
        TreeSet<Long> locks = new TreeSet<>();
        for (DuplicateRule rule : rules) {
            for (String key : DuplicateKeys.keys(matchers(rule), subject)) {
                locks.add(DuplicateKeys.lockId(tenantId, rule.id.toString(), key));
            }
        }
        if (locks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(locks).onItem().transformToUniAndConcatenate(id -> Panache.getSession()
                        .chain(s -> s.createNativeQuery("select cast(pg_advisory_xact_lock(?1) as text)", String.class)
                                .setParameter(1, id).getSingleResult()))
                .collect().last().replaceWithVoid();
    }

    /** Existing opportunities sharing a key with the subject (and, for a close-date rule, within its window). */
    @SuppressWarnings("unchecked")
    public Uni<List<DuplicateMatch>> find(String tenantId, DuplicateRule rule, DuplicateKeys.Subject subject, UUID excludeId) {
        List<DuplicateMatcher> matchers = matchers(rule);
        List<String> keys = DuplicateKeys.keys(matchers, subject);
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Integer window = DuplicateKeys.closeDateWindow(matchers);
        String dateClause = window == null ? "" : " and k.close_date between ?5 and ?6";
        String sql = """
                select cast(o.id as text), o.name, o.owner_id from duplicate_key k
                join opportunity o on o.id = k.opportunity_id and o.tenant_id = k.tenant_id
                where k.tenant_id = ?1 and k.rule_id = ?2 and k.key_hash = ?3 and k.opportunity_id <> ?4"""
                + dateClause + " limit 50";
        Map<String, DuplicateMatch> matches = new LinkedHashMap<>();
        return Multi.createFrom().iterable(keys).onItem().transformToUniAndConcatenate(key -> Panache.getSession().chain(s -> {
                    var query = s.createNativeQuery(sql, Object[].class)
                            .setParameter(1, tenantId).setParameter(2, rule.id).setParameter(3, key)
                            .setParameter(4, excludeId == null ? new UUID(0, 0) : excludeId);
                    if (window != null) {
                        query.setParameter(5, subject.closeDate().minusDays(window)).setParameter(6, subject.closeDate().plusDays(window));
                    }
                    return query.getResultList();
                }).invoke(rows -> {
                    for (Object[] row : (List<Object[]>) (List<?>) rows) {
                        matches.putIfAbsent((String) row[0], new DuplicateMatch((String) row[0], (String) row[1], (String) row[2],
                                rule.id.toString(), rule.name, rule.action));
                    }
                }))
                .collect().last().map(ignored -> List.copyOf(matches.values()));
    }

    /** Replaces the opportunity's keys under every active rule. */
    public Uni<Void> refresh(String tenantId, UUID opportunityId, List<DuplicateRule> rules, DuplicateKeys.Subject subject) {
        Uni<Void> chain = Panache.getSession().chain(s -> s.createNativeQuery("delete from duplicate_key where opportunity_id = ?1")
                .setParameter(1, opportunityId).executeUpdate()).replaceWithVoid();
        for (DuplicateRule rule : rules) {
            for (String key : DuplicateKeys.keys(matchers(rule), subject)) {
                chain = chain.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                                insert into duplicate_key (tenant_id, rule_id, key_hash, opportunity_id, close_date)
                                values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
                        .setParameter(1, tenantId).setParameter(2, rule.id).setParameter(3, key)
                        .setParameter(4, opportunityId).setParameter(5, subject.closeDate())
                        .executeUpdate())).replaceWithVoid();
            }
        }
        return chain;
    }

    public Uni<Void> removeRule(UUID ruleId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from duplicate_key where rule_id = ?1")
                .setParameter(1, ruleId).executeUpdate()).replaceWithVoid();
    }

    /**
     * Computes the keys of every existing opportunity of the tenant for a new or changed rule, in
     * SQL (same parts and md5 as {@link DuplicateKeys#keys}); unsubmitted ones (rejected, withdrawn) get none.
     */
    public Uni<Void> backfill(String tenantId, DuplicateRule rule) {
        List<DuplicateMatcher> matchers = matchers(rule);
        List<String> parts = new ArrayList<>();
        List<String> where = new ArrayList<>();
        parts.add("'R'");
        boolean productLine = false;
        for (DuplicateMatcher m : matchers) {
            switch (m.type()) {
                case ACCOUNT_EXACT -> {
                    parts.add("'A=' || o.account_id");
                    where.add("o.account_id is not null and o.account_id <> ''");
                }
                case NAME_NORMALIZED -> {
                    parts.add("'N=' || o.name_normalized");
                    where.add("o.name_normalized <> ''");
                }
                case OWNER -> {
                    parts.add("'O=' || o.owner_id");
                    where.add("o.owner_id is not null and o.owner_id <> ''");
                }
                case PRODUCT_LINE -> productLine = true;
                case CLOSE_DATE_WITHIN -> where.add("o.expected_close_date is not null");
            }
        }
        String from = "opportunity o";
        if (productLine) {
            parts.add("'P=' || lower(trim(li.product_line))");
            from += " join line_item li on li.opportunity_id = o.id and li.product_line is not null and trim(li.product_line) <> ''";
        }
        String sql = "insert into duplicate_key (tenant_id, rule_id, key_hash, opportunity_id, close_date) "
                + "select distinct o.tenant_id, cast(?2 as uuid), md5(concat_ws(chr(31), " + String.join(", ", parts) + ")), o.id, o.expected_close_date "
                // rejected and withdrawn (draft) opportunities are nobody's duplicate until resubmitted
                + "from " + from + " where o.tenant_id = ?1 and o.status not in ('REJECTED', 'DRAFT')" + (where.isEmpty() ? "" : " and " + String.join(" and ", where))
                + " on conflict do nothing";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql).setParameter(1, tenantId).setParameter(2, rule.id)
                .executeUpdate()).replaceWithVoid();
    }
}
