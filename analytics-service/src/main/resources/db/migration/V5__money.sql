-- Money (module README, "Money"): each tenant's corporate currency and dated exchange rates, and the
-- report amounts kept per currency so they are never summed across currencies.

create table currency_settings (
    tenant_id          varchar(64) not null primary key,
    corporate_currency varchar(3)  not null,
    updated_at         timestamptz not null,
    version            bigint      not null
);

-- Salesforce's dated exchange rates: 1 unit of currency = rate units of the corporate currency from
-- start_date until the next rate's start_date.
create table exchange_rate (
    id         uuid           not null primary key,
    tenant_id  varchar(64)    not null,
    currency   varchar(3)     not null,
    rate       numeric(24, 12) not null check (rate > 0),
    start_date date           not null,
    created_at timestamptz    not null,
    version    bigint         not null,
    constraint exchange_rate_dated unique (tenant_id, currency, start_date)
);

-- The currency of each fact (as at the stage's first entry, like its forecast) and, for a stage entered
-- as Won, the day it was entered: its amount converts at that day's rate. XXX: no currency given.
alter table stage_fact add column currency varchar(3), add column won_on date;
alter table opportunity_snapshot add column currency varchar(3);

-- Amounts per currency, next to the aggregates (which keep their cross-currency sums for the counts):
--   measure 'stage' (group_key: stage key; amount: Σ forecast), 'won' (group_key ''; amount: Σ won amount),
--   'pipeline:stage' / 'pipeline:owner' / 'pipeline:closeMonth' (the weighted pipeline's groups)
--   rate_date: the day whose rate converts the amount (a Won amount: its won day); null: the report's date
create table money_aggregate (
    tenant_id        varchar(64) not null,
    sales_process_id varchar(64) not null,
    measure          varchar(24) not null,
    group_key        varchar(64) not null,
    currency         varchar(3)  not null,
    rate_date        date,
    opportunities    bigint      not null,
    amount           numeric     not null,
    weighted_amount  numeric     not null,
    constraint money_aggregate_key unique nulls not distinct (tenant_id, sales_process_id, measure, group_key, currency, rate_date)
);

-- Databases projected before: each fact's currency and Won entry from the first logged state in its
-- stage (the state its forecast came from), each snapshot's from the latest state; the stored contributions
-- (what the projection subtracts when a deal changes) get the same currencies, so they subtract what is added here.
update stage_fact f
set currency = x.currency,
    won_on = case when x.stage_type = 'WON' then date '1970-01-01' + cast(floor(f.first_entered_at_millis / 86400000.0) as integer) end
from (select distinct on (l.tenant_id, l.opportunity_id, cast(l.state as jsonb) ->> 'stageKey')
             l.tenant_id, l.opportunity_id, cast(l.state as jsonb) ->> 'stageKey' as stage_key,
             case when cast(l.state as jsonb) ->> 'currency' ~ '^[A-Z]{3}$' then cast(l.state as jsonb) ->> 'currency' else 'XXX' end as currency,
             cast(l.state as jsonb) ->> 'stageType' as stage_type
      from opportunity_event_log l
      order by l.tenant_id, l.opportunity_id, cast(l.state as jsonb) ->> 'stageKey', l.version) x
where x.tenant_id = f.tenant_id and x.opportunity_id = f.opportunity_id and x.stage_key = f.stage_key;
update stage_fact set currency = 'XXX' where currency is null;

update opportunity_snapshot s
set currency = x.currency
from (select distinct on (l.tenant_id, l.opportunity_id) l.tenant_id, l.opportunity_id,
             case when cast(l.state as jsonb) ->> 'currency' ~ '^[A-Z]{3}$' then cast(l.state as jsonb) ->> 'currency' else 'XXX' end as currency
      from opportunity_event_log l
      order by l.tenant_id, l.opportunity_id, l.version desc) x
where x.tenant_id = s.tenant_id and x.opportunity_id = s.opportunity_id;
update opportunity_snapshot set currency = 'XXX' where currency is null;

update opportunity_snapshot s
set contribution = cast(jsonb_set(
        case when jsonb_typeof(c.j -> 'won') = 'object' then jsonb_set(c.j, '{won,currency}', to_jsonb(s.currency)) else c.j end
        || case when jsonb_typeof(c.j -> 'open') = 'object'
                then jsonb_build_object('open', (c.j -> 'open') || jsonb_build_object('currency', s.currency)) else '{}' end,
        '{stages}',
        coalesce((select jsonb_agg(e.fact || jsonb_build_object('currency', f.currency, 'wonOn', f.won_on) order by e.ord)
                  from jsonb_array_elements(c.j -> 'stages') with ordinality e(fact, ord)
                  left join stage_fact f on f.tenant_id = s.tenant_id and f.opportunity_id = s.opportunity_id
                       and f.stage_key = e.fact ->> 'stageKey'), '[]')) as text)
from (select tenant_id, opportunity_id, cast(contribution as jsonb) as j from opportunity_snapshot) c
where c.tenant_id = s.tenant_id and c.opportunity_id = s.opportunity_id and jsonb_typeof(c.j -> 'stages') = 'array';

insert into money_aggregate (tenant_id, sales_process_id, measure, group_key, currency, rate_date, opportunities, amount, weighted_amount)
select tenant_id, sales_process_id, 'stage', stage_key, currency, won_on, count(*), sum(forecast), 0
from stage_fact group by tenant_id, sales_process_id, stage_key, currency, won_on;
insert into money_aggregate (tenant_id, sales_process_id, measure, group_key, currency, rate_date, opportunities, amount, weighted_amount)
select tenant_id, sales_process_id, 'won', '', currency, date '1970-01-01' + cast(floor(won_at_millis / 86400000.0) as integer),
       count(*), sum(won_amount), 0
from opportunity_snapshot where won and sales_process_id is not null
group by tenant_id, sales_process_id, currency, date '1970-01-01' + cast(floor(won_at_millis / 86400000.0) as integer);
insert into money_aggregate (tenant_id, sales_process_id, measure, group_key, currency, rate_date, opportunities, amount, weighted_amount)
select tenant_id, sales_process_id, 'pipeline:' || d.dim, coalesce(case d.dim when 'stage' then stage_key when 'owner' then owner_id
           else close_month end, '(none)'), currency, null, count(*), sum(amount), sum(weighted_amount)
from opportunity_snapshot cross join (values ('stage'), ('owner'), ('closeMonth')) d(dim)
where open and sales_process_id is not null
group by tenant_id, sales_process_id, d.dim, 4, currency;
