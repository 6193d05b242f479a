package io.oppsuite.opportunity.core;

import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A list request turned into one tenant-scoped, visibility-scoped HQL query: the caller never
 * pages through rows they may not see. Also the keyset ("after this cursor") condition for cursor
 * paging. Plain Java.
 */
public record OpportunityQuery(String stage, String owner, String department, LifecycleStatus status, Boolean overdue,
                               LocalDate closeFrom, LocalDate closeTo, String sort) {

    /**
     * A sortable field: its entity attribute, its value on a row and how a cursor carries it.
     * {@code keyset} is false for a field that may be null (expectedCloseDate): "after" a null has
     * no plain comparison, so such sorts page by page number only.
     */
    enum SortField {
        NAME("name", o -> o.name, s -> s, true),
        AMOUNT("amount", o -> o.amount, BigDecimal::new, true),
        EXPECTED_CLOSE_DATE("expectedCloseDate", o -> o.expectedCloseDate, LocalDate::parse, false),
        CREATED_AT("createdAt", o -> o.createdAt, Instant::parse, true),
        UPDATED_AT("updatedAt", o -> o.updatedAt, Instant::parse, true),
        STAGE_ENTERED_AT("stageEnteredAt", o -> o.stageEnteredAt, Instant::parse, true),
        WIN_RATE("winRate", o -> o.winRate, BigDecimal::new, true);

        final String attribute;
        final Function<Opportunity, Object> value;
        final Function<String, Object> parse;
        final boolean keyset;

        SortField(String attribute, Function<Opportunity, Object> value, Function<String, Object> parse, boolean keyset) {
            this.attribute = attribute;
            this.value = value;
            this.parse = parse;
            this.keyset = keyset;
        }
    }

    static final Map<String, SortField> SORTABLE = new LinkedHashMap<>();

    static {
        for (SortField f : SortField.values()) {
            SORTABLE.put(f.attribute, f);
        }
    }

    /** One key of the order; id ascending always follows the last one so the order is total. */
    record SortKey(SortField field, boolean descending) {
        String spec() {
            return (descending ? "-" : "") + field.attribute;
        }
    }

    public record Hql(String where, Map<String, Object> params, String orderBy) {
    }

    /** The deals whose sales team has {@code :me} on it (any access). */
    private static final String ON_MY_TEAM = "id in (select m.opportunityId from SalesTeamMember m where m.tenantId = :tenant and m.employeeId = :me)";

    /**
     * The opportunities the caller may see: admin the tenant, a manager also their department,
     * anyone their own and those whose sales team they are on.
     */
    public Hql toHql(Caller caller) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        clauses.add("tenantId = :tenant");
        params.put("tenant", caller.tenantId());
        if (!caller.isAdmin()) {
            if (caller.isManager() && caller.departmentId() != null) {
                clauses.add("(ownerId = :me or departmentId = :myDepartment or " + ON_MY_TEAM + ")");
                params.put("myDepartment", caller.departmentId());
            } else {
                clauses.add("(ownerId = :me or " + ON_MY_TEAM + ")");
            }
            params.put("me", caller.employeeId());
        }
        return filtered(clauses, params);
    }

    /** The opportunities sitting in one pool; whether the caller may look into it is the pool's rule, checked before. */
    public Hql inPool(String tenantId, UUID poolId) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        clauses.add("tenantId = :tenant");
        params.put("tenant", tenantId);
        clauses.add("poolId = :pool");
        params.put("pool", poolId);
        return filtered(clauses, params);
    }

    private Hql filtered(List<String> clauses, Map<String, Object> params) {
        if (stage != null) { clauses.add("stageKey = :stage"); params.put("stage", stage); }
        if (owner != null) { clauses.add("ownerId = :owner"); params.put("owner", owner); }
        if (department != null) { clauses.add("departmentId = :department"); params.put("department", department); }
        if (status != null) { clauses.add("status = :status"); params.put("status", status); }
        if (overdue != null) { clauses.add("overdue = :overdue"); params.put("overdue", overdue); }
        if (closeFrom != null) { clauses.add("expectedCloseDate >= :closeFrom"); params.put("closeFrom", closeFrom); }
        if (closeTo != null) { clauses.add("expectedCloseDate <= :closeTo"); params.put("closeTo", closeTo); }
        return new Hql(String.join(" and ", clauses), params, orderBy());
    }

    /** "amount,-createdAt": comma separated, '-' for descending; none given: newest first. */
    List<SortKey> sortKeys() {
        List<SortKey> keys = new ArrayList<>();
        if (sort != null && !sort.isBlank()) {
            for (String raw : sort.split(",")) {
                String field = raw.trim();
                boolean descending = field.startsWith("-");
                field = descending ? field.substring(1) : field;
                SortField column = SORTABLE.get(field);
                if (column == null) {
                    throw Problems.badRequest("cannot sort by '" + field + "'; sortable: " + SORTABLE.keySet());
                }
                keys.add(new SortKey(column, descending));
            }
        }
        if (keys.isEmpty()) {
            keys.add(new SortKey(SortField.CREATED_AT, true));
        }
        return keys;
    }

    /** The sort keys, then id ascending: ties broken the same way on every page, so paging is stable. */
    String orderBy() {
        List<String> parts = new ArrayList<>();
        for (SortKey key : sortKeys()) {
            parts.add(key.field().attribute + (key.descending() ? " desc" : " asc"));
        }
        parts.add("id asc");
        return String.join(", ", parts);
    }

    /** The sort as a cursor records it, so a cursor is only ever read back under the order that made it. */
    String sortSpec() {
        return String.join(",", sortKeys().stream().map(SortKey::spec).toList());
    }

    /** Whether this order can be paged by cursor (no key may be null). */
    boolean keysetCapable() {
        return sortKeys().stream().allMatch(k -> k.field().keyset);
    }

    /** The cursor that continues after {@code last} in this order. */
    String cursorAfter(Opportunity last) {
        List<String> values = new ArrayList<>();
        for (SortKey key : sortKeys()) {
            Object v = key.field().value.apply(last);
            values.add(v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v));
        }
        return OpportunityCursor.encode(new OpportunityCursor.Position(sortSpec(), values, last.id.toString()));
    }

    /**
     * {@code hql} narrowed to the rows after the cursor's position: for keys k1..kn then id,
     * k1 beyond c1, or k1 = c1 and (k2 beyond c2, or ... (id > cid)). The leading "k1 at or beyond
     * c1" repeats the first step as a plain range an index can seek to.
     */
    Hql after(Hql hql, String cursor) {
        List<SortKey> keys = sortKeys();
        if (!keysetCapable()) {
            throw Problems.badRequest("cursor paging needs sort fields that are never empty; "
                    + "expectedCloseDate may be, so sort by it with page and size instead");
        }
        OpportunityCursor.Position position = OpportunityCursor.decode(cursor);
        if (!position.sort().equals(sortSpec())) {
            throw Problems.badRequest("the cursor was issued for sort '" + position.sort() + "', not '" + sortSpec() + "'");
        }
        if (position.keys().size() != keys.size()) {
            throw OpportunityCursor.malformed();
        }
        Map<String, Object> params = new HashMap<>(hql.params());
        try {
            for (int i = 0; i < keys.size(); i++) {
                params.put("k" + i, keys.get(i).field().parse.apply(position.keys().get(i)));
            }
            params.put("kid", UUID.fromString(position.id()));
        } catch (RuntimeException e) {
            throw OpportunityCursor.malformed();
        }
        String condition = "id > :kid";
        for (int i = keys.size() - 1; i >= 0; i--) {
            String attribute = keys.get(i).field().attribute;
            String beyond = keys.get(i).descending() ? " < " : " > ";
            condition = "(" + attribute + beyond + ":k" + i + " or (" + attribute + " = :k" + i + " and " + condition + "))";
        }
        SortKey first = keys.get(0);
        String seek = first.field().attribute + (first.descending() ? " <= " : " >= ") + ":k0";
        return new Hql(hql.where() + " and " + seek + " and " + condition, params, hql.orderBy());
    }
}
