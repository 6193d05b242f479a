-- Approval flows (admin configuration), approval instances with their timeline, and the
-- employee directory projected from holding-events (owners' managers).

create table approval_flow (
    id               uuid primary key,
    tenant_id        varchar(64)  not null,
    name             varchar(200) not null,
    trigger          varchar(32)  not null,
    sales_process_id varchar(64),
    stage_key        varchar(64),
    conditions       text         not null,
    steps            text         not null,
    active           boolean      not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    version          bigint       not null
);
create index approval_flow_tenant on approval_flow (tenant_id, trigger);

create table approval (
    id                   uuid primary key,
    tenant_id            varchar(64)  not null,
    request_id           varchar(120) not null,
    trigger              varchar(32)  not null,
    flow_id              varchar(64),
    flow_name            varchar(200),
    opportunity_id       varchar(64)  not null,
    opportunity_name     varchar(200),
    owner_id             varchar(64),
    department_id        varchar(64),
    opportunity          text         not null,
    from_stage           varchar(64),
    to_stage             varchar(64),
    requested_by         varchar(64)  not null,
    requested_at         timestamptz  not null,
    status               varchar(16)  not null,
    steps                text         not null,
    current_step         int          not null,
    current_step_approvals text       not null,
    decided_by           varchar(64),
    decided_at           timestamptz,
    updated_at           timestamptz  not null,
    version              bigint       not null,
    -- one instance per waiting creation / stage move, however often the request is redelivered
    constraint approval_request_once unique (tenant_id, request_id)
);
create index approval_tenant_status on approval (tenant_id, status, requested_at);

create table approval_timeline_entry (
    id          uuid primary key,
    tenant_id   varchar(64) not null,
    approval_id uuid        not null references approval (id) on delete cascade,
    at          timestamptz not null,
    actor       varchar(64) not null,
    action      varchar(16) not null,
    step_index  int,
    step_name   varchar(200),
    comment     varchar(2000)
);
create index approval_timeline_of on approval_timeline_entry (tenant_id, approval_id, at);

create table directory_employee (
    tenant_id     varchar(64) not null,
    employee_id   varchar(64) not null,
    name          varchar(200),
    department_id varchar(64),
    manager_id    varchar(64),
    updated_at    timestamptz not null,
    primary key (tenant_id, employee_id)
);
create index directory_employee_manager on directory_employee (tenant_id, manager_id);
