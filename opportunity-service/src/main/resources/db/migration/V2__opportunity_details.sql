-- Issue 4: custom fields, lead conversion, overdue bookkeeping, close reason, line items,
-- associated records (stage tasks).
alter table opportunity
    add column custom_fields        text,
    add column lead_id              varchar(64),
    add column contact_id           varchar(64),
    add column contact_name         varchar(200),
    add column overdue              boolean not null default false,
    -- the stay (stage_entered_at) whose opportunity.overdue was emitted: once per stay
    add column overdue_notified_for timestamptz,
    add column close_reason         varchar(500),
    add column name_normalized      varchar(200) not null default '';

-- converting the same lead twice is refused by the database, not by a check-then-insert
create unique index opportunity_tenant_lead on opportunity (tenant_id, lead_id) where lead_id is not null;
create index opportunity_tenant_dept on opportunity (tenant_id, department_id);
create index opportunity_tenant_status_close on opportunity (tenant_id, status, expected_close_date);
create index opportunity_overdue_scan on opportunity (tenant_id, sales_process_id, stage_key, stage_entered_at) where status = 'ACTIVE';

create table line_item (
    id               uuid primary key,
    tenant_id        varchar(64)   not null,
    opportunity_id   uuid          not null references opportunity (id) on delete cascade,
    position         int           not null,
    product_id       varchar(64),
    product_name     varchar(200)  not null,
    product_line     varchar(100),
    quantity         numeric(19,4) not null,
    unit_price       numeric(19,2) not null,
    discount_percent numeric(5,2)  not null default 0,
    amount           numeric(19,2) not null
);
create index line_item_opportunity on line_item (opportunity_id, position);

create table associated_record (
    id             uuid primary key,
    tenant_id      varchar(64)  not null,
    opportunity_id uuid         not null references opportunity (id) on delete cascade,
    record_type    varchar(64)  not null,
    name           varchar(200) not null,
    data           text,
    created_at     timestamptz  not null,
    created_by     varchar(64)  not null
);
create index associated_record_opportunity on associated_record (opportunity_id, record_type);
