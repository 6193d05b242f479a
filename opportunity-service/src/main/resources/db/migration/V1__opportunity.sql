create table sales_process_cache (
    tenant_id  varchar(64) not null,
    process_id varchar(64) not null,
    version    bigint      not null,
    deleted    boolean     not null default false,
    snapshot   text        not null,
    primary key (tenant_id, process_id)
);

create table opportunity (
    id                  uuid primary key,
    tenant_id           varchar(64)   not null,
    name                varchar(200)  not null,
    account_id          varchar(64),
    account_name        varchar(200),
    owner_id            varchar(64)   not null,
    department_id       varchar(64),
    amount              numeric(19,2) not null default 0,
    currency            varchar(3)    not null,
    win_rate            numeric(5,2)  not null,
    expected_close_date date,
    sales_process_id    varchar(64)   not null,
    stage_key           varchar(64)   not null,
    stage_type          varchar(16)   not null,
    status              varchar(24)   not null,
    stage_entered_at    timestamptz   not null,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    created_by          varchar(64)   not null,
    version             bigint        not null
);
create index opportunity_tenant_stage on opportunity (tenant_id, sales_process_id, stage_key);
create index opportunity_tenant_owner on opportunity (tenant_id, owner_id);

create table stage_history (
    id               uuid primary key,
    tenant_id        varchar(64) not null,
    opportunity_id   uuid        not null references opportunity (id) on delete cascade,
    from_stage       varchar(64),
    to_stage         varchar(64) not null,
    to_stage_type    varchar(16) not null,
    entered_at       timestamptz not null,
    changed_by       varchar(64) not null,
    seconds_in_from  bigint
);
create index stage_history_opportunity on stage_history (opportunity_id, entered_at);
