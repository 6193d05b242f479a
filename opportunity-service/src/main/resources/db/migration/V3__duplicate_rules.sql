-- Issue 5: per-tenant duplicate rules and the normalized keys each opportunity has under each rule.
create table duplicate_rule (
    id          uuid primary key,
    tenant_id   varchar(64)  not null,
    name        varchar(200) not null,
    action      varchar(8)   not null,
    applies_to  varchar(8)   not null,
    matchers    text         not null,
    active      boolean      not null,
    created_at  timestamptz  not null,
    version     bigint       not null
);
create index duplicate_rule_tenant on duplicate_rule (tenant_id);

-- key_hash = md5 of the rule's exact-match parts; close_date for CLOSE_DATE_WITHIN ranges.
-- A lookup is one index range scan, never a scan of the tenant's opportunities.
create table duplicate_key (
    tenant_id      varchar(64) not null,
    rule_id        uuid        not null,
    key_hash       varchar(32) not null,
    opportunity_id uuid        not null,
    close_date     date,
    primary key (rule_id, key_hash, opportunity_id)
);
create index duplicate_key_lookup on duplicate_key (tenant_id, rule_id, key_hash, close_date);
create index duplicate_key_opportunity on duplicate_key (opportunity_id);
