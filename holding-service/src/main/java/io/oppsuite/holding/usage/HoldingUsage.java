package io.oppsuite.holding.usage;

import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.holding.directory.DirectoryJson;
import io.oppsuite.holding.directory.Department;
import io.oppsuite.holding.directory.Employee;
import io.oppsuite.holding.directory.UserGroup;
import io.oppsuite.holding.reservation.Reservation;
import io.oppsuite.holding.reservation.ReservationView;
import io.oppsuite.holding.limit.Held;
import io.oppsuite.holding.limit.HoldingLimits;
import io.oppsuite.holding.limit.Member;
import io.oppsuite.holding.limit.RuleSpec;
import io.oppsuite.holding.limit.RuleUsage;
import io.oppsuite.holding.limit.ScopeKey;
import io.oppsuite.holding.limit.ScopeType;
import io.oppsuite.holding.rule.HoldingPolicy;
import io.oppsuite.holding.scope.ScopeStore;
import io.oppsuite.holding.usage.UsageViews.RuleUsageView;
import io.oppsuite.holding.usage.UsageViews.ScopeUsage;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Current holdings and headroom per employee, department and user group; each read opens its session. */
@ApplicationScoped
public class HoldingUsage {

    @Inject
    ScopeStore scopes;

    @Inject
    HoldingPolicy policy;

    @WithSession
    public Uni<ScopeUsage> employee(Caller caller, String id) {
        return Employee.findInTenant(caller.tenantId(), id).chain(e -> {
            Member member = e == null ? Member.unknown(id, null) : DirectoryJson.member(e);
            if (!caller.canSee(id, member.departmentId())) {
                throw Problems.notFound("Employee", id);
            }
            return policy.definition(caller.tenantId()).chain(definition -> policy.rules(caller.tenantId()).chain(rules ->
                    scopes.heldIn(caller.tenantId(), HoldingLimits.scopesOf(member), Instant.now()).map(held -> {
                        Collection<Held> own = held.get(ScopeKey.person(id));
                        // an owner the directory does not know exists as long as they hold something
                        if (e == null && (own == null || own.isEmpty())) {
                            throw Problems.notFound("Employee", id);
                        }
                        List<RuleUsage> usages = HoldingLimits.usages(rules, definition, member, held::get);
                        return answer(ScopeKey.person(id), definition, own, usages);
                    })));
        });
    }

    @WithSession
    public Uni<UsageViews.Breakdown> breakdown(Caller caller, String id) {
        Instant now = Instant.now();
        return Employee.findInTenant(caller.tenantId(), id).chain(e -> scopes.heldBy(caller.tenantId(), id)
                .chain(held -> Reservation.counting(caller.tenantId(), id, now).map(reserved -> {
                    if (e == null && held.isEmpty() && reserved.isEmpty()) {
                        throw Problems.notFound("Employee", id);
                    }
                    return new UsageViews.Breakdown(id, held, reserved.stream().map(r -> ReservationView.of(r, now)).toList());
                })));
    }

    @WithSession
    public Uni<ScopeUsage> department(Caller caller, String id) {
        if (!caller.isAdmin() && !id.equals(caller.departmentId())) {
            throw Problems.notFound("Department", id);
        }
        return Department.findInTenant(caller.tenantId(), id).chain(d -> {
            if (d == null) {
                throw Problems.notFound("Department", id);
            }
            return group(caller, new ScopeKey(ScopeType.DEPARTMENT, id));
        });
    }

    @WithSession
    public Uni<ScopeUsage> userGroup(Caller caller, String id) {
        return UserGroup.findInTenant(caller.tenantId(), id).chain(g -> {
            if (g == null) {
                throw Problems.notFound("User group", id);
            }
            return group(caller, new ScopeKey(ScopeType.USER_GROUP, id));
        });
    }

    private Uni<ScopeUsage> group(Caller caller, ScopeKey scope) {
        return policy.definition(caller.tenantId()).chain(definition -> policy.rules(caller.tenantId()).chain(rules ->
                scopes.heldIn(caller.tenantId(), scope, Instant.now()).map(held -> {
                    List<RuleUsage> usages = new ArrayList<>();
                    for (RuleSpec rule : rules) {
                        if (rule.scope() == scope.type() && scope.id().equals(rule.scopeId()) && rule.limit() != null) {
                            usages.add(new RuleUsage(rule, scope, rule.limit(), HoldingLimits.counted(rule, definition, held).size()));
                        }
                    }
                    usages.sort((a, b) -> Long.compare(a.limit(), b.limit()));
                    return answer(scope, definition, held, usages);
                })));
    }

    private static ScopeUsage answer(ScopeKey scope, List<FieldCondition> definition, Collection<Held> held, List<RuleUsage> usages) {
        TreeSet<String> ids = new TreeSet<>();
        for (Held h : held == null ? List.<Held>of() : held) {
            if (HoldingLimits.meets(definition, h.opportunity())) {
                ids.add(h.opportunityId());
            }
        }
        Long headroom = usages.stream().map(RuleUsage::headroom).min(Long::compare).orElse(null);
        return new ScopeUsage(UsageViews.scopeName(scope.type()), scope.id(), ids.size(), List.copyOf(ids),
                usages.stream().map(RuleUsageView::of).toList(), headroom);
    }
}
