package io.oppsuite.analytics.transition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.analytics.transition.Contribution.StageFact;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a batch of opportunity events changes, as statements of data-modifying CTEs fed by JSON
 * arrays (a round trip per batch, not per opportunity or row): the logged states, the last
 * contributions (and the history of those a batch cannot extend), the opportunities' stage facts and snapshots, then the summed aggregate deltas per tenant.
 * Locks and rows are taken in key order so concurrent writers never deadlock. The SQL has no ':'
 * (Hibernate would read it as a named parameter), hence cast(... as jsonb).
 */
public final class ProjectionWrite {

    /** The lock class of a tenant's projection (second key: hashtext(tenant)): shared by consumer batches, exclusive for its rebuild. */
    public static final int TENANT_LOCK_CLASS = 0x616e6131;

    /**
     * Logs the states of a batch (a replayed one is already there) and answers the opportunities that
     * got a new one. First it takes a shared lock on each tenant of the batch (a tenant's rebuild takes
     * it exclusively, so it waits for the batches in flight and holds new ones back until it commits),
     * then each opportunity's advisory lock, in key order: the lock serialises an opportunity's
     * log-recount-write with any other transaction doing the same (a consumer that has just lost the
     * partition in a rebalance).
     */
    static final String LOG_SQL = """
            with input as (
                select * from jsonb_to_recordset(cast(cast(?1 as text) as jsonb))
                    as i(t text, o text, v bigint, e text, s text, p text, at bigint, r text)),
            tenants as (
                select x.t, pg_advisory_xact_lock_shared(%d, hashtext(x.t)) from (select distinct t from input order by t) x),
            locked as (
                select k.t, k.o, pg_advisory_xact_lock(hashtext(k.t || '/' || k.o))
                from (select distinct i.t, i.o from input i where exists (select 1 from tenants where tenants.t = i.t) order by i.t, i.o) k)
            insert into opportunity_event_log (tenant_id, opportunity_id, version, event_type, state, sales_process_id,
                occurred_at_millis, reason)
            select i.t, i.o, i.v, i.e, i.s, i.p, i.at, i.r from input i join locked l on l.t = i.t and l.o = i.o
            on conflict do nothing
            returning tenant_id, opportunity_id, version, event_type""".formatted(TENANT_LOCK_CLASS);



    /**
     * The last contribution of a batch's opportunities. Each opportunity is looked up by its key
     * (lateral ... offset 0 keeps the planner from turning the lookups into a hash join over the whole
     * table, which it prefers with a batch's default 100-row estimate and tables never analyzed when
     * autovacuum is off).
     */
    static final String CONTRIBUTIONS_SQL = """
            with k as (select * from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as k(t text, o text))
            select k.t, k.o, s.contribution from k cross join lateral (
                select contribution from opportunity_snapshot where tenant_id = k.t and opportunity_id = k.o offset 0) s""";

    /** Every logged state of the opportunities whose contribution a batch cannot extend, looked up the same way. */
    static final String LOGS_SQL = """
            with k as (select * from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as k(t text, o text))
            select k.t, k.o, l.event_type, l.state, l.occurred_at_millis, l.reason from k cross join lateral (
                select event_type, state, occurred_at_millis, reason from opportunity_event_log
                where tenant_id = k.t and opportunity_id = k.o offset 0) l""";

    /**
     * The stage facts and snapshots of a batch's recounted opportunities: rows no other opportunity
     * touches. The facts a recount no longer has are found per opportunity by key, as in {@link #CONTRIBUTIONS_SQL}.
     * A recount rewrites every fact of the opportunity but a move changes two, so unchanged facts are
     * left as they are (no dead row version, no new entry in each covering index).
     */
    static final String OPPORTUNITIES_SQL = """
            with new_facts as (
                select * from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as f(t text, o text, k text, p text, owner text,
                    dept text, created bigint, entered bigint, forecast numeric, closed bigint, open_since bigint, outcome text,
                    reason text, currency text, won_on date)),
            snap as (
                select * from jsonb_to_recordset(cast(cast(?2 as text) as jsonb)) as s(t text, o text, p text, owner text,
                    dept text, created bigint, won boolean, won_at bigint, won_amount numeric, won_cycle bigint, open boolean,
                    stage text, close_month text, amount numeric, weighted numeric, contribution text, currency text)),
            gone_facts as (
                delete from stage_fact where ctid = any(array(
                    select g.ctid from snap s cross join lateral (
                        select f.ctid from stage_fact f where f.tenant_id = s.t and f.opportunity_id = s.o
                            and not exists (select 1 from new_facts n where n.t = f.tenant_id and n.o = f.opportunity_id and n.k = f.stage_key)
                        offset 0) g))
                returning 1),
            facts as (
                insert into stage_fact (tenant_id, opportunity_id, stage_key, sales_process_id, owner_id, department_id,
                    created_at_millis, first_entered_at_millis, forecast, closed_millis, open_since_millis, outcome, loss_reason,
                    currency, won_on)
                select n.t, n.o, n.k, n.p, n.owner, n.dept, n.created, n.entered, n.forecast, n.closed, n.open_since, n.outcome, n.reason,
                    n.currency, n.won_on
                from new_facts n
                order by n.t, n.o, n.k
                on conflict (tenant_id, opportunity_id, stage_key) do update set
                    sales_process_id = excluded.sales_process_id, owner_id = excluded.owner_id,
                    department_id = excluded.department_id, created_at_millis = excluded.created_at_millis,
                    first_entered_at_millis = excluded.first_entered_at_millis, forecast = excluded.forecast,
                    closed_millis = excluded.closed_millis, open_since_millis = excluded.open_since_millis,
                    outcome = excluded.outcome, loss_reason = excluded.loss_reason, currency = excluded.currency,
                    won_on = excluded.won_on
                where (stage_fact.sales_process_id, stage_fact.owner_id, stage_fact.department_id, stage_fact.created_at_millis,
                        stage_fact.first_entered_at_millis, stage_fact.forecast, stage_fact.closed_millis,
                        stage_fact.open_since_millis, stage_fact.outcome, stage_fact.loss_reason, stage_fact.currency, stage_fact.won_on)
                    is distinct from (excluded.sales_process_id, excluded.owner_id, excluded.department_id, excluded.created_at_millis,
                        excluded.first_entered_at_millis, excluded.forecast, excluded.closed_millis,
                        excluded.open_since_millis, excluded.outcome, excluded.loss_reason, excluded.currency, excluded.won_on)
                returning 1)
            insert into opportunity_snapshot (tenant_id, opportunity_id, sales_process_id, owner_id, department_id,
                created_at_millis, won, won_at_millis, won_amount, won_cycle_millis, open, stage_key, close_month,
                amount, weighted_amount, contribution, currency)
            select s.t, s.o, s.p, s.owner, s.dept, s.created, s.won, s.won_at, s.won_amount, s.won_cycle, s.open, s.stage,
                s.close_month, s.amount, s.weighted, s.contribution, s.currency
            from snap s order by s.t, s.o
            on conflict (tenant_id, opportunity_id) do update set
                sales_process_id = excluded.sales_process_id, owner_id = excluded.owner_id,
                department_id = excluded.department_id, created_at_millis = excluded.created_at_millis,
                won = excluded.won, won_at_millis = excluded.won_at_millis, won_amount = excluded.won_amount,
                won_cycle_millis = excluded.won_cycle_millis, open = excluded.open, stage_key = excluded.stage_key,
                close_month = excluded.close_month, amount = excluded.amount,
                weighted_amount = excluded.weighted_amount, contribution = excluded.contribution, currency = excluded.currency""";

    /**
     * The summed aggregate deltas of a batch of events of one tenant. These rows are shared by every
     * opportunity of a process, so they are written once per batch, last, just before the commit:
     * their row locks are held for the shortest time.
     */
    static final String AGGREGATES_SQL = """
            with stage_delta as (
                insert into stage_aggregate (tenant_id, sales_process_id, stage_key, total_opportunities, total_amount,
                    closed_millis, open_stays, open_since_millis_sum, transitioned, retained, lost)
                select ?1, d.p, d.k, d.total, d.amount, d.closed, d.open_stays, d.open_since, d.transitioned, d.retained, d.lost
                from jsonb_to_recordset(cast(cast(?2 as text) as jsonb)) as d(p text, k text, total bigint, amount numeric, closed bigint,
                    open_stays bigint, open_since bigint, transitioned bigint, retained bigint, lost bigint)
                order by d.p, d.k
                on conflict (tenant_id, sales_process_id, stage_key) do update set
                    total_opportunities = stage_aggregate.total_opportunities + excluded.total_opportunities,
                    total_amount = stage_aggregate.total_amount + excluded.total_amount,
                    closed_millis = stage_aggregate.closed_millis + excluded.closed_millis,
                    open_stays = stage_aggregate.open_stays + excluded.open_stays,
                    open_since_millis_sum = stage_aggregate.open_since_millis_sum + excluded.open_since_millis_sum,
                    transitioned = stage_aggregate.transitioned + excluded.transitioned,
                    retained = stage_aggregate.retained + excluded.retained,
                    lost = stage_aggregate.lost + excluded.lost
                returning 1),
            process_delta as (
                insert into process_aggregate (tenant_id, sales_process_id, won_count, won_amount, won_cycle_millis)
                select ?1, d.p, d.won_count, d.won_amount, d.won_cycle
                from jsonb_to_recordset(cast(cast(?3 as text) as jsonb)) as d(p text, won_count bigint, won_amount numeric, won_cycle bigint)
                order by d.p
                on conflict (tenant_id, sales_process_id) do update set
                    won_count = process_aggregate.won_count + excluded.won_count,
                    won_amount = process_aggregate.won_amount + excluded.won_amount,
                    won_cycle_millis = process_aggregate.won_cycle_millis + excluded.won_cycle_millis
                returning 1)
            insert into money_aggregate (tenant_id, sales_process_id, measure, group_key, currency, rate_date, opportunities, amount,
                weighted_amount)
            select ?1, d.p, d.m, d.k, d.c, d.d, d.n, d.amount, d.weighted
            from jsonb_to_recordset(cast(cast(?4 as text) as jsonb)) as d(p text, m text, k text, c text, d date, n bigint,
                amount numeric, weighted numeric)
            order by d.p, d.m, d.k, d.c, d.d
            on conflict (tenant_id, sales_process_id, measure, group_key, currency, rate_date) do update set
                opportunities = money_aggregate.opportunities + excluded.opportunities,
                amount = money_aggregate.amount + excluded.amount,
                weighted_amount = money_aggregate.weighted_amount + excluded.weighted_amount""";

    private ProjectionWrite() {
    }

    /** A recounted opportunity to write: its new contribution, and that contribution as stored JSON. */
    record Recounted(String tenant, String opportunityId, Contribution after, String contributionJson) {
    }

    /** JSON names of {@link OpportunityProjection#factRow}'s values, in its order. */
    private static final List<String> FACT_FIELDS = List.of("t", "o", "k", "p", "owner", "dept", "created", "entered",
            "forecast", "closed", "open_since", "outcome", "reason", "currency", "won_on");
    /** JSON names of {@link OpportunityProjection#snapshotRow}'s values, in its order. */
    private static final List<String> SNAPSHOT_FIELDS = List.of("t", "o", "p", "owner", "dept", "created", "won", "won_at",
            "won_amount", "won_cycle", "open", "stage", "close_month", "amount", "weighted", "contribution", "currency");

    /**
     * The 2 positional parameters of {@link #OPPORTUNITIES_SQL} (a consumer batch's, or a page of the tenant rebuild's): the
     * facts and the snapshots, as JSON arrays of rows ({@link OpportunityProjection#factRow}, {@link OpportunityProjection#snapshotRow}).
     */
    static List<Object> opportunitiesParameters(ObjectMapper mapper, List<Recounted> recounted) {
        ArrayNode facts = mapper.createArrayNode();
        ArrayNode snapshots = mapper.createArrayNode();
        for (Recounted r : recounted) {
            for (StageFact f : r.after().stages()) {
                addRow(facts, FACT_FIELDS, OpportunityProjection.factRow(r.tenant(), r.opportunityId(), r.after(), f));
            }
            addRow(snapshots, SNAPSHOT_FIELDS, OpportunityProjection.snapshotRow(r.tenant(), r.opportunityId(), r.after(), r.contributionJson()));
        }
        return Arrays.asList(facts.toString(), snapshots.toString());
    }

    private static void addRow(ArrayNode rows, List<String> fields, List<Object> values) {
        ObjectNode row = rows.addObject();
        for (int i = 0; i < fields.size(); i++) {
            row.putPOJO(fields.get(i), values.get(i));
        }
    }

    /** The 4 positional parameters of {@link #AGGREGATES_SQL}, in order; rows sorted so concurrent writers never deadlock. */
    static List<Object> aggregateParameters(ObjectMapper mapper, String tenant, AggregateDelta delta) {
        ArrayNode stages = mapper.createArrayNode();
        delta.stages().stream().sorted(Comparator.comparing(AggregateDelta.Stage::salesProcessId)
                .thenComparing(AggregateDelta.Stage::stageKey)).forEach(d -> stages.addObject()
                .put("p", d.salesProcessId()).put("k", d.stageKey()).put("total", d.total()).put("amount", d.amount())
                .put("closed", d.closedMillis()).put("open_stays", d.openStays()).put("open_since", d.openSinceSum())
                .put("transitioned", d.transitioned()).put("retained", d.retained()).put("lost", d.lost()));
        ArrayNode processes = mapper.createArrayNode();
        delta.processes().forEach(d -> processes.addObject().put("p", d.salesProcessId()).put("won_count", d.wonCount())
                .put("won_amount", d.wonAmount()).put("won_cycle", d.wonCycleMillis()));
        ArrayNode money = mapper.createArrayNode();
        delta.money().stream().sorted(Comparator.comparing(AggregateDelta.Money::salesProcessId).thenComparing(AggregateDelta.Money::measure)
                        .thenComparing(AggregateDelta.Money::groupKey).thenComparing(AggregateDelta.Money::currency)
                        .thenComparing(AggregateDelta.Money::rateDate, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(d -> money.addObject().put("p", d.salesProcessId()).put("m", d.measure()).put("k", d.groupKey())
                        .put("c", d.currency()).put("d", d.rateDate()).put("n", d.opportunities()).put("amount", d.amount())
                        .put("weighted", d.weightedAmount()));
        return Arrays.asList(tenant, stages.toString(), processes.toString(), money.toString());
    }
}
