package io.oppsuite.holding.limit;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.contracts.FieldConditions;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** The limit arithmetic: which rules apply to a person, what each counts, who is refused. No I/O. */
public final class HoldingLimits {

    /** Status ACTIVE or PENDING_APPROVAL in an in-progress stage: an open deal someone works. */
    public static final List<FieldCondition> DEFAULT_DEFINITION = List.of(
            new FieldCondition("status", "IN", Json.array("ACTIVE", "PENDING_APPROVAL")),
            new FieldCondition("stageType", "EQ", Json.text("IN_PROGRESS")));

    private HoldingLimits() {
    }

    /** Whether the rule's scope covers this person (ignoring its opportunity conditions). */
    public static boolean covers(RuleSpec rule, Member member) {
        return switch (rule.scope()) {
            case EMPLOYEES -> FieldConditions.allHold(rule.employeeConditions(), member.asJson());
            case DEPARTMENT -> rule.scopeId() != null && rule.scopeId().equals(member.departmentId());
            case USER_GROUP -> rule.scopeId() != null && member.userGroups().contains(rule.scopeId());
        };
    }

    /** The scope the rule counts for this person. */
    public static ScopeKey scopeOf(RuleSpec rule, Member member) {
        return rule.scope() == ScopeType.EMPLOYEES ? ScopeKey.person(member.id()) : new ScopeKey(rule.scope(), rule.scopeId());
    }

    /** The limit for this person; empty when a variable limit's attribute is missing (the rule does not bind them). */
    public static Optional<Long> limitFor(RuleSpec rule, Member member) {
        if (rule.limit() != null) {
            return Optional.of(rule.limit());
        }
        BigDecimal value = member.attributes().get(rule.limitField());
        return value == null ? Optional.empty() : Optional.of(value.longValue());
    }

    /** Every scope a person's holdings count in, sorted: the order locks are taken in, so two writers never deadlock. */
    public static List<ScopeKey> scopesOf(Member member) {
        TreeSet<ScopeKey> keys = new TreeSet<>();
        keys.add(ScopeKey.person(member.id()));
        if (member.departmentId() != null) {
            keys.add(new ScopeKey(ScopeType.DEPARTMENT, member.departmentId()));
        }
        member.userGroups().forEach(g -> keys.add(new ScopeKey(ScopeType.USER_GROUP, g)));
        return new ArrayList<>(keys);
    }

    /**
     * Statuses no definition can make count: a creation whose approval was rejected or withdrawn
     * (opportunity-service's REJECTED and DRAFT) is nobody's deal until it is resubmitted.
     */
    public static final Set<String> NEVER_HELD = Set.of("REJECTED", "DRAFT");

    /**
     * A deal awaiting its creation approval is judged as the ACTIVE deal the approval would make
     * it: its place is reserved when the request is filed (create, import, conversion, resubmit,
     * all with the caller's authority), because the approval's outcome arrives as an event with
     * nobody to answer a 409 to. So an approval never takes an owner past a limit.
     */
    static final String AWAITING_APPROVAL = "PENDING_APPROVAL";

    public static boolean meets(List<FieldCondition> definition, JsonNode opportunity) {
        String status = opportunity.path("status").asText();
        if (NEVER_HELD.contains(status)) {
            return false;
        }
        JsonNode judged = AWAITING_APPROVAL.equals(status) && opportunity instanceof ObjectNode o
                ? o.deepCopy().put("status", "ACTIVE") : opportunity;
        return FieldConditions.allHold(definition, judged);
    }

    /** Distinct opportunities in the scope that meet the definition and the rule's own opportunity conditions. */
    public static Set<String> counted(RuleSpec rule, List<FieldCondition> definition, Collection<Held> inScope) {
        Set<String> ids = new HashSet<>();
        for (Held held : inScope) {
            if (meets(definition, held.opportunity()) && FieldConditions.allHold(rule.opportunityConditions(), held.opportunity())) {
                ids.add(held.opportunityId());
            }
        }
        return ids;
    }

    /** Every rule binding this person, with its count: the read model and the basis of {@link #decide}. */
    public static List<RuleUsage> usages(List<RuleSpec> rules, List<FieldCondition> definition, Member member,
                                         Function<ScopeKey, Collection<Held>> inScope) {
        List<RuleUsage> usages = new ArrayList<>();
        for (RuleSpec rule : rules) {
            if (!covers(rule, member)) {
                continue;
            }
            Optional<Long> limit = limitFor(rule, member);
            if (limit.isEmpty()) {
                continue;
            }
            ScopeKey scope = scopeOf(rule, member);
            usages.add(new RuleUsage(rule, scope, limit.get(), counted(rule, definition, inScope.apply(scope)).size()));
        }
        usages.sort(Comparator.comparingLong(RuleUsage::limit).thenComparing(u -> u.rule().name()));
        return usages;
    }

    /** A rule that binds this person for this opportunity: the scope it counts in, and the person's limit there. */
    public record Binding(RuleSpec rule, ScopeKey scope, long limit) {
    }

    /** What a binding's scope holds: distinct opportunities counted, and whether the one asked about is among them. */
    public record ScopeCount(long count, boolean includes) {
    }

    /**
     * Every rule that covers {@code member} and whose opportunity conditions {@code opportunity}
     * meets: the scopes the new holding would count in. A rule whose variable limit the person
     * lacks still counts their holdings (for the scope's other members) but does not limit them,
     * so it comes back with no limit and {@link #limiting} drops it.
     */
    public static List<ScopeKey> countingScopes(List<RuleSpec> rules, Member member, JsonNode opportunity) {
        TreeSet<ScopeKey> scopes = new TreeSet<>();
        for (RuleSpec rule : rules) {
            if (covers(rule, member) && FieldConditions.allHold(rule.opportunityConditions(), opportunity)) {
                scopes.add(scopeOf(rule, member));
            }
        }
        return new ArrayList<>(scopes);
    }

    /** The rules that limit {@code member} for this opportunity, each with the limit that applies to them. */
    public static List<Binding> limiting(List<RuleSpec> rules, Member member, JsonNode opportunity) {
        List<Binding> bindings = new ArrayList<>();
        for (RuleSpec rule : rules) {
            if (!covers(rule, member) || !FieldConditions.allHold(rule.opportunityConditions(), opportunity)) {
                continue;
            }
            limitFor(rule, member).ifPresent(limit -> bindings.add(new Binding(rule, scopeOf(rule, member), limit)));
        }
        return bindings;
    }

    /**
     * May the person also hold {@code opportunity}? Each limiting rule must have headroom, unless
     * the opportunity already counts in that scope. When several are full, the smallest limit is
     * named. {@code counts} is asked only when the opportunity meets the definition.
     */
    public static Decision decide(List<FieldCondition> definition, JsonNode opportunity, List<Binding> bindings,
                                  Function<Binding, ScopeCount> counts) {
        if (!meets(definition, opportunity)) {
            return new Decision(false, null);
        }
        RuleUsage refusal = null;
        for (Binding binding : bindings) {
            ScopeCount held = counts.apply(binding);
            if (!held.includes() && held.count() >= binding.limit()) {
                RuleUsage usage = new RuleUsage(binding.rule(), binding.scope(), binding.limit(), held.count());
                if (refusal == null || usage.limit() < refusal.limit()) {
                    refusal = usage;
                }
            }
        }
        return new Decision(true, refusal);
    }

    /** The same decision over the held opportunities themselves (the read model and unit tests). */
    public static Decision decide(List<RuleSpec> rules, List<FieldCondition> definition, Member member,
                                  String opportunityId, JsonNode opportunity, Function<ScopeKey, Collection<Held>> inScope) {
        return decide(definition, opportunity, limiting(rules, member, opportunity), binding -> {
            Set<String> ids = counted(binding.rule(), definition, inScope.apply(binding.scope()));
            return new ScopeCount(ids.size(), ids.contains(opportunityId));
        });
    }
}
