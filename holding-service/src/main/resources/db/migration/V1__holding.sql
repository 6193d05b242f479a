-- Directory: a tenant's HR data, synced in bulk. JSON columns hold text (see the entities).
create table department (
    tenant_id  varchar(64)  not null,
    id         varchar(120) not null,
    name       varchar(200) not null,
    manager_id varchar(120),
    updated_at timestamptz  not null,
    primary key (tenant_id, id)
);

create table user_group (
    tenant_id  varchar(64)  not null,
    id         varchar(120) not null,
    name       varchar(200) not null,
    updated_at timestamptz  not null,
    primary key (tenant_id, id)
);

create table employee (
    tenant_id     varchar(64)  not null,
    id            varchar(120) not null,
    name          varchar(200) not null,
    department_id varchar(120),
    manager_id    varchar(120),
    user_groups   text         not null,
    attributes    text         not null,
    updated_at    timestamptz  not null,
    primary key (tenant_id, id)
);
create index employee_department on employee (tenant_id, department_id);

-- Which opportunities count as held (FieldConditions over the opportunity JSON), one per tenant.
create table holding_definition (
    tenant_id  varchar(64) primary key,
    conditions text        not null,
    updated_at timestamptz not null,
    version    bigint      not null
);

create table holding_rule (
    id                     uuid primary key,
    tenant_id              varchar(64)  not null,
    name                   varchar(200) not null,
    scope                  varchar(20)  not null,
    scope_id               varchar(120),
    employee_conditions    text         not null,
    limit_value            bigint,
    limit_field            varchar(120),
    opportunity_conditions text         not null,
    created_at             timestamptz  not null,
    version                bigint       not null
);
create index holding_rule_tenant on holding_rule (tenant_id);

-- Who holds what, kept from opportunity-events. A deleted opportunity stays as a tombstone
-- so an older event delivered late cannot bring it back.
create table holding (
    tenant_id      varchar(64)  not null,
    opportunity_id varchar(120) not null,
    owner_id       varchar(120),
    department_id  varchar(120),
    opportunity    text         not null,
    opportunity_version bigint  not null,
    deleted        boolean      not null,
    updated_at     timestamptz  not null,
    primary key (tenant_id, opportunity_id)
);
create index holding_owner on holding (tenant_id, owner_id) where not deleted;
create index holding_department on holding (tenant_id, department_id) where not deleted;

-- A place kept for an opportunity about to be created/assigned, until its event arrives.
create table reservation (
    id             uuid primary key,
    tenant_id      varchar(64)  not null,
    opportunity_id varchar(120) not null,
    owner_id       varchar(120) not null,
    department_id  varchar(120),
    opportunity    text         not null,
    status         varchar(20)  not null,
    expires_at     timestamptz  not null,
    created_at     timestamptz  not null
);
create index reservation_owner on reservation (tenant_id, owner_id) where status in ('PENDING', 'CONFIRMED');
create index reservation_department on reservation (tenant_id, department_id) where status in ('PENDING', 'CONFIRMED');
create index reservation_opportunity on reservation (tenant_id, opportunity_id);
create index reservation_pending on reservation (expires_at) where status = 'PENDING';
