-- Issue 6 (claim): opportunity pools, a tenant's shelves of unowned deals that eligible reps claim.
create table opportunity_pool (
    id                 uuid primary key,
    tenant_id          varchar(64)   not null,
    name               varchar(200)  not null,
    description        varchar(1000),
    -- JSON arrays of strings: who may claim (JWT department / groups); both empty: everyone in the tenant
    member_departments text          not null,
    member_groups      text          not null,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null,
    created_by         varchar(64)   not null,
    version            bigint        not null
);
create unique index opportunity_pool_name on opportunity_pool (tenant_id, lower(name));

-- A deal in a pool has no owner; the database keeps "owned xor pooled" true whatever the code does.
alter table opportunity
    alter column owner_id drop not null,
    add column pool_id      uuid references opportunity_pool (id),
    -- the pool it was last in, kept after a claim so a late claimant hears "already claimed"
    add column last_pool_id uuid,
    add column pooled_at    timestamptz,
    add column pool_reason  varchar(500),
    add constraint opportunity_owned_or_pooled check ((owner_id is null) = (pool_id is not null));
create index opportunity_tenant_pool on opportunity (tenant_id, pool_id) where pool_id is not null;

-- keyset (cursor) paging in the default order: newest first
create index opportunity_tenant_created on opportunity (tenant_id, created_at, id);
