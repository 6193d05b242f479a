package io.oppsuite.opportunity.duplicate;

import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The duplicate check tool: what a candidate would duplicate, and the tenant's existing duplicate groups. */
@Path("/opportunities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@Tag(name = "Duplicate rules", description = "Rules that find, warn about or block duplicate opportunities, and the check itself.")
public class DuplicateCheckResource {

    /** A would-be opportunity; nothing is created. {@code excludeId}: an opportunity not to match (itself, on edit). */
    public record Candidate(@Size(max = 200) String name, @Size(max = 64) String accountId, @Size(max = 64) String ownerId,
                            LocalDate expectedCloseDate, @Size(max = 500) List<@Size(max = 100) String> productLines,
                            DuplicateRule.AppliesTo operation, UUID excludeId) {
    }

    public record CheckResult(boolean duplicate, boolean blocked, List<DuplicateMatch> matches) {
    }

    public record Member(String id, String name, String ownerId, LocalDate expectedCloseDate) {
    }

    public record DuplicateGroup(String ruleId, String ruleName, DuplicateRule.Action action, List<Member> opportunities) {
    }

    @Inject
    CallerContext callerContext;

    @Inject
    DuplicateChecks checks;

    @Inject
    DuplicateKeyStore keys;

    @POST
    @Path("duplicate-check")
    @WithSession
    @Operation(operationId = "checkDuplicates", summary = "Check a candidate against the duplicate rules", description = "Matches under every active rule "
            + "(or only those covering 'operation'); nothing is created.")
    public Uni<CheckResult> check(@Valid @NotNull Candidate candidate) {
        Caller caller = callerContext.current();
        Set<String> lines = candidate.productLines() == null ? Set.of() : candidate.productLines().stream()
                .map(DuplicateKeys::normalizeProductLine).filter(l -> l != null).collect(Collectors.toSet());
        DuplicateKeys.Subject subject = new DuplicateKeys.Subject(candidate.accountId(), DuplicateKeys.normalizeName(candidate.name()),
                candidate.ownerId() == null ? caller.employeeId() : candidate.ownerId(), lines, candidate.expectedCloseDate());
        return DuplicateRule.activeOf(caller.tenantId())
                .chain(rules -> checks.matches(caller.tenantId(), rules, candidate.operation(), subject, candidate.excludeId()))
                .map(matches -> new CheckResult(!matches.isEmpty(),
                        matches.stream().anyMatch(m -> m.action() == DuplicateRule.Action.BLOCK), matches));
    }

    @GET
    @Path("duplicate-groups")
    @WithSession
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER})
    @Operation(operationId = "listDuplicateGroups", summary = "Existing duplicate groups of the tenant", description = "Opportunities sharing a key under a rule "
            + "(and, for close-date rules, chained within the window).")
    @SuppressWarnings("unchecked")
    public Uni<List<DuplicateGroup>> groups() {
        Caller caller = callerContext.current();
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
                    List<DuplicateGroup> groups = new ArrayList<>();
                    for (List<Object[]> members : byKey.values()) {
                        DuplicateRule rule = byId.get((String) members.get(0)[0]);
                        if (rule == null) {
                            continue;
                        }
                        Integer window = DuplicateKeys.closeDateWindow(keys.matchers(rule));
                        List<Member> current = new ArrayList<>();
                        LocalDate last = null;
                        for (Object[] row : members) {
                            LocalDate date = row[5] == null ? null : (row[5] instanceof LocalDate d ? d : LocalDate.parse(row[5].toString()));
                            if (window != null && last != null && date != null && date.isAfter(last.plusDays(window))) {
                                flush(groups, rule, current);
                                current = new ArrayList<>();
                            }
                            current.add(new Member((String) row[2], (String) row[3], (String) row[4], date));
                            last = date;
                        }
                        flush(groups, rule, current);
                    }
                    return groups;
                }));
    }

    private static void flush(List<DuplicateGroup> groups, DuplicateRule rule, List<Member> members) {
        if (members.size() > 1) {
            groups.add(new DuplicateGroup(rule.id.toString(), rule.name, rule.action, List.copyOf(members)));
        }
    }
}
