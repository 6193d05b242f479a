package io.oppsuite.analytics.transition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.analytics.transition.Contribution.StageFact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a batch of opportunity events changes, as statements of data-modifying CTEs fed by JSON
 * arrays (a round trip per opportunity, not per row): each opportunity's stage facts and snapshot,
 * then the batch's summed aggregate deltas once. Aggregate rows are touched in key order so
 * concurrent writers never deadlock. The SQL has no ':' (Hibernate would read it as a named
 * parameter), hence cast(... as jsonb).
 */
final class ProjectionWrite {

    /** One opportunity's stage facts and snapshot: rows no other opportunity touches. */
    static final String OPPORTUNITY_SQL = """
            with new_facts as (
                select * from jsonb_to_recordset(cast(cast(?3 as text) as jsonb)) as f(k text, entered bigint, forecast numeric, closed bigint,
                    open_since bigint, outcome text)),
            gone_facts as (
                delete from stage_fact where tenant_id = ?1 and opportunity_id = ?2
                    and stage_key not in (select k from new_facts)
                returning 1),
            facts as (
                insert into stage_fact (tenant_id, opportunity_id, stage_key, sales_process_id, owner_id, department_id,
                    created_at_millis, first_entered_at_millis, forecast, closed_millis, open_since_millis, outcome)
                select ?1, ?2, f.k, cast(?4 as varchar), cast(?5 as varchar), cast(?6 as varchar), cast(?7 as bigint), f.entered,
                    f.forecast, f.closed, f.open_since, f.outcome
                from new_facts f
                on conflict (tenant_id, opportunity_id, stage_key) do update set
                    sales_process_id = excluded.sales_process_id, owner_id = excluded.owner_id,
                    department_id = excluded.department_id, created_at_millis = excluded.created_at_millis,
                    first_entered_at_millis = excluded.first_entered_at_millis, forecast = excluded.forecast,
                    closed_millis = excluded.closed_millis, open_since_millis = excluded.open_since_millis,
                    outcome = excluded.outcome
                returning 1)
            insert into opportunity_snapshot (tenant_id, opportunity_id, sales_process_id, owner_id, department_id,
                created_at_millis, won, won_at_millis, won_amount, won_cycle_millis, open, stage_key, close_month,
                amount, weighted_amount, contribution)
            values (?1, ?2, cast(?4 as varchar), cast(?5 as varchar), cast(?6 as varchar), cast(?7 as bigint), ?8,
                cast(?9 as bigint), cast(?10 as numeric), cast(?11 as bigint), ?12, cast(?13 as varchar),
                cast(?14 as varchar), cast(?15 as numeric), cast(?16 as numeric), ?17)
            on conflict (tenant_id, opportunity_id) do update set
                sales_process_id = excluded.sales_process_id, owner_id = excluded.owner_id,
                department_id = excluded.department_id, created_at_millis = excluded.created_at_millis,
                won = excluded.won, won_at_millis = excluded.won_at_millis, won_amount = excluded.won_amount,
                won_cycle_millis = excluded.won_cycle_millis, open = excluded.open, stage_key = excluded.stage_key,
                close_month = excluded.close_month, amount = excluded.amount,
                weighted_amount = excluded.weighted_amount, contribution = excluded.contribution""";

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
            insert into pipeline_aggregate (tenant_id, sales_process_id, dimension, group_key, opportunities, amount, weighted_amount)
            select ?1, d.p, d.dim, d.k, d.n, d.amount, d.weighted
            from jsonb_to_recordset(cast(cast(?4 as text) as jsonb)) as d(p text, dim text, k text, n bigint, amount numeric, weighted numeric)
            order by d.p, d.dim, d.k
            on conflict (tenant_id, sales_process_id, dimension, group_key) do update set
                opportunities = pipeline_aggregate.opportunities + excluded.opportunities,
                amount = pipeline_aggregate.amount + excluded.amount,
                weighted_amount = pipeline_aggregate.weighted_amount + excluded.weighted_amount""";

    private ProjectionWrite() {
    }

    /** The 17 positional parameters of {@link #OPPORTUNITY_SQL}, in order. */
    static List<Object> opportunityParameters(ObjectMapper mapper, String tenant, String opportunityId, Contribution after,
                                              String contributionJson) {
        ArrayNode facts = mapper.createArrayNode();
        for (StageFact f : after.stages()) {
            ObjectNode row = facts.addObject().put("k", f.stageKey()).put("entered", f.firstEnteredAtMillis())
                    .put("forecast", f.forecast()).put("closed", f.closedMillis()).put("outcome", f.outcome().name());
            row.put("open_since", f.openSinceMillis());
        }
        List<Object> snapshot = OpportunityProjection.snapshotRow(tenant, opportunityId, after, contributionJson);
        List<Object> params = new ArrayList<>(Arrays.asList(tenant, opportunityId, facts.toString()));
        params.addAll(snapshot.subList(2, snapshot.size())); // ?4.. = the snapshot's columns after tenant and id
        return params;
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
        ArrayNode pipeline = mapper.createArrayNode();
        delta.pipeline().forEach(d -> pipeline.addObject().put("p", d.salesProcessId()).put("dim", d.dimension())
                .put("k", d.groupKey()).put("n", d.opportunities()).put("amount", d.amount()).put("weighted", d.weightedAmount()));
        return Arrays.asList(tenant, stages.toString(), processes.toString(), pipeline.toString());
    }
}
