-- Bulk path for the scale benchmark: analytics-service's projection of :rows opportunities of
-- tenant :tenant in process :process (every one entered qualification; every other one moved on to
-- proposal and sits there), then the aggregates recomputed with the same SQL as the rebuild.
-- psql -v tenant=... -v process=... -v rows=... -f analytics-bulk.sql
select (extract(epoch from now()) * 1000)::bigint as now_ms \gset
insert into opportunity_snapshot (tenant_id, opportunity_id, sales_process_id, owner_id, department_id, created_at_millis,
                                  won, won_at_millis, won_amount, won_cycle_millis, open, stage_key, close_month,
                                  amount, weighted_amount, contribution, currency)
select :'tenant', 'bulk-' || n, :'process', 'bulk-owner-' || (n % 100), 'bulk-dept-' || (n % 10), :now_ms - n * 1000,
       false, null, null, null, true, case when n % 2 = 0 then 'proposal' else 'qualification' end,
       to_char(date '2027-01-01' + (n % 365), 'YYYY-MM'), 1000 + (n % 50) * 100, (1000 + (n % 50) * 100) * 0.1, '[]', 'EUR'
from generate_series(1, :rows) as n;

insert into stage_fact (tenant_id, opportunity_id, stage_key, sales_process_id, owner_id, department_id, created_at_millis,
                        first_entered_at_millis, forecast, closed_millis, open_since_millis, outcome, currency)
select :'tenant', 'bulk-' || n, 'qualification', :'process', 'bulk-owner-' || (n % 100), 'bulk-dept-' || (n % 10),
       :now_ms - n * 1000, :now_ms - n * 1000, (1000 + (n % 50) * 100) * 0.1,
       case when n % 2 = 0 then 259200000 else 0 end,
       case when n % 2 = 0 then null else :now_ms - n * 1000 end,
       case when n % 2 = 0 then 'TRANSITIONED' else 'RETAINED' end, 'EUR'
from generate_series(1, :rows) as n;

insert into stage_fact (tenant_id, opportunity_id, stage_key, sales_process_id, owner_id, department_id, created_at_millis,
                        first_entered_at_millis, forecast, closed_millis, open_since_millis, outcome, currency)
select :'tenant', 'bulk-' || n, 'proposal', :'process', 'bulk-owner-' || (n % 100), 'bulk-dept-' || (n % 10),
       :now_ms - n * 1000, :now_ms - n * 1000 + 259200000, (1000 + (n % 50) * 100) * 0.3, 0, :now_ms - n * 1000 + 259200000, 'RETAINED', 'EUR'
from generate_series(2, :rows, 2) as n;

delete from stage_aggregate where tenant_id = :'tenant' and sales_process_id = :'process';
insert into stage_aggregate (tenant_id, sales_process_id, stage_key, total_opportunities, total_amount,
                             closed_millis, open_stays, open_since_millis_sum, transitioned, retained, lost)
select tenant_id, sales_process_id, stage_key, count(*), sum(forecast), sum(closed_millis),
       count(open_since_millis), coalesce(sum(open_since_millis), 0),
       count(*) filter (where outcome = 'TRANSITIONED'), count(*) filter (where outcome = 'RETAINED'),
       count(*) filter (where outcome = 'LOST')
from stage_fact where tenant_id = :'tenant' and sales_process_id = :'process' group by tenant_id, sales_process_id, stage_key;

-- the amounts per currency (analytics-service README, "Money"), as the rebuild derives them
delete from money_aggregate where tenant_id = :'tenant' and sales_process_id = :'process';
insert into money_aggregate (tenant_id, sales_process_id, measure, group_key, currency, rate_date, opportunities, amount, weighted_amount)
select tenant_id, sales_process_id, 'stage', stage_key, currency, won_on, count(*), sum(forecast), 0
from stage_fact where tenant_id = :'tenant' and sales_process_id = :'process'
group by tenant_id, sales_process_id, stage_key, currency, won_on;
insert into money_aggregate (tenant_id, sales_process_id, measure, group_key, currency, rate_date, opportunities, amount, weighted_amount)
select tenant_id, sales_process_id, 'pipeline:' || d.dimension, coalesce(d.group_key, '(none)'), currency, null, count(*), sum(amount),
       sum(weighted_amount)
from opportunity_snapshot,
     lateral (values ('stage', stage_key), ('owner', owner_id), ('closeMonth', close_month)) as d(dimension, group_key)
where tenant_id = :'tenant' and sales_process_id = :'process' and open
group by tenant_id, sales_process_id, d.dimension, coalesce(d.group_key, '(none)'), currency;
-- what autovacuum does after a bulk load (it is off on the CI-class machine): statistics, and the
-- visibility map that lets the owner and department reports scan their covering indexes alone
vacuum analyze stage_fact;
vacuum analyze opportunity_snapshot;
