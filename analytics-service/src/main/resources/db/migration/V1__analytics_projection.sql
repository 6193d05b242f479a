-- Stage transition analysis projected from opportunity-events (docs/architecture.md, analytics-service/README.md).
-- Times are epoch milliseconds (bigint) so sums and the "open stays count to asOf" arithmetic stay exact.

-- Sales processes as configured (stage order, labels, types), from pipeline-config-events.
create table sales_process (
    tenant_id varchar(64)  not null,
    id        varchar(64)  not null,
    name      varchar(200),
    version   bigint       not null,
    stages    text         not null,
    deleted   boolean      not null default false,
    primary key (tenant_id, id)
);

-- Every opportunity state seen, one row per (version, event type): the input of the
-- per-opportunity recount; duplicates and stale redeliveries collapse on the key.
create table opportunity_event_log (
    tenant_id      varchar(64)  not null,
    opportunity_id varchar(64)  not null,
    version        bigint       not null,
    event_type     varchar(60)  not null,
    state          text         not null,
    primary key (tenant_id, opportunity_id, version, event_type)
);

-- What one opportunity currently contributes to the aggregates (the contribution json is
-- subtracted before the new one is added), plus the columns filtered queries need.
create table opportunity_snapshot (
    tenant_id         varchar(64)  not null,
    opportunity_id    varchar(64)  not null,
    sales_process_id  varchar(64),
    owner_id          varchar(64),
    department_id     varchar(64),
    created_at_millis bigint,
    won               boolean      not null,
    won_at_millis     bigint,
    won_amount        numeric,
    won_cycle_millis  bigint,
    open              boolean      not null,
    stage_key         varchar(64),
    close_month       varchar(7),
    amount            numeric,
    weighted_amount   numeric,
    contribution      text         not null,
    primary key (tenant_id, opportunity_id)
);
create index opportunity_snapshot_open on opportunity_snapshot (tenant_id, sales_process_id) where open;
create index opportunity_snapshot_won on opportunity_snapshot (tenant_id, sales_process_id) where won;

-- One row per (opportunity, stage it entered): the source of filtered queries.
create table stage_fact (
    tenant_id               varchar(64)  not null,
    opportunity_id          varchar(64)  not null,
    stage_key               varchar(64)  not null,
    sales_process_id        varchar(64)  not null,
    owner_id                varchar(64),
    department_id           varchar(64),
    created_at_millis       bigint,
    first_entered_at_millis bigint       not null,
    forecast                numeric      not null,
    closed_millis           bigint       not null,
    open_since_millis       bigint,
    outcome                 varchar(16)  not null,
    primary key (tenant_id, opportunity_id, stage_key)
);
create index stage_fact_process on stage_fact (tenant_id, sales_process_id, stage_key);
create index stage_fact_owner on stage_fact (tenant_id, sales_process_id, owner_id);
create index stage_fact_department on stage_fact (tenant_id, sales_process_id, department_id);

-- Precomputed per (tenant, process, stage): an unfiltered query reads O(stages) rows.
-- Time in stage at asOf = closed_millis + open_stays * asOf - open_since_millis_sum.
create table stage_aggregate (
    tenant_id             varchar(64) not null,
    sales_process_id      varchar(64) not null,
    stage_key             varchar(64) not null,
    total_opportunities   bigint      not null,
    total_amount          numeric     not null,
    closed_millis         numeric     not null,
    open_stays            bigint      not null,
    open_since_millis_sum numeric     not null,
    transitioned          bigint      not null,
    retained              bigint      not null,
    lost                  bigint      not null,
    primary key (tenant_id, sales_process_id, stage_key)
);

create table process_aggregate (
    tenant_id        varchar(64) not null,
    sales_process_id varchar(64) not null,
    won_count        bigint      not null,
    won_amount       numeric     not null,
    won_cycle_millis numeric     not null,
    primary key (tenant_id, sales_process_id)
);

-- Weighted pipeline of open opportunities per dimension (stage, owner, closeMonth).
create table pipeline_aggregate (
    tenant_id        varchar(64) not null,
    sales_process_id varchar(64) not null,
    dimension        varchar(16) not null,
    group_key        varchar(64) not null,
    opportunities    bigint      not null,
    amount           numeric     not null,
    weighted_amount  numeric     not null,
    primary key (tenant_id, sales_process_id, dimension, group_key)
);
