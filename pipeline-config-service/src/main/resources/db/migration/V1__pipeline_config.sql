-- The "Opportunity Stage" catalogue of a tenant: the values processes pick their stages from.
create table stage_definition (
    id               uuid primary key,
    tenant_id        varchar(64)  not null,
    stage_key        varchar(64)  not null,
    label            varchar(200) not null,
    type             varchar(16)  not null,
    default_win_rate int          not null check (default_win_rate between 0 and 100),
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    version          bigint       not null,
    constraint stage_definition_key_unique unique (tenant_id, stage_key)
);

-- A sales process; its ordered stages with settings and tasks are one JSON document
-- because they are always read, validated and published as a whole.
create table sales_process (
    id          uuid primary key,
    tenant_id   varchar(64)  not null,
    name        varchar(200) not null,
    stages_json text         not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    version     bigint       not null
);
create unique index sales_process_name_unique on sales_process (tenant_id, lower(name));

-- Where each opportunity stands, from opportunity-events (newest opportunity version wins).
create table opportunity_position (
    tenant_id        varchar(64) not null,
    opportunity_id   varchar(64) not null,
    sales_process_id varchar(64),
    stage_key        varchar(64),
    open             boolean     not null,
    deleted          boolean     not null default false,
    opp_version      bigint      not null,
    primary key (tenant_id, opportunity_id)
);
create index opportunity_position_open on opportunity_position (tenant_id, sales_process_id, stage_key) where open and not deleted;

-- Every stage an opportunity has been in: a catalogue stage with a visit is "in use".
create table opportunity_stage_visit (
    tenant_id        varchar(64) not null,
    opportunity_id   varchar(64) not null,
    sales_process_id varchar(64) not null,
    stage_key        varchar(64) not null,
    primary key (tenant_id, opportunity_id, sales_process_id, stage_key)
);
create index opportunity_stage_visit_key on opportunity_stage_visit (tenant_id, stage_key);

-- Tenants that got the default configuration, so it is seeded once (not again after an admin deletes it).
create table tenant_setup (
    tenant_id varchar(64) primary key,
    seeded_at timestamptz not null
);
