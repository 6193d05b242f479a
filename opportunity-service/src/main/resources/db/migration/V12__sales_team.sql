-- A deal's sales team: colleagues who see it (READ) or also work it (EDIT) besides its owner.
-- Rows go with their deal. Visibility asks "is this employee on that deal's team" (primary key) and
-- lists ask "which deals is this employee on" (the employee index).
create table sales_team_member (
    opportunity_id uuid          not null references opportunity (id) on delete cascade,
    employee_id    varchar(64)   not null,
    tenant_id      varchar(64)   not null,
    team_role      varchar(100),
    access         varchar(8)    not null check (access in ('READ', 'EDIT')),
    added_at       timestamptz   not null,
    added_by       varchar(64),
    updated_at     timestamptz   not null,
    version        bigint        not null default 0,
    primary key (opportunity_id, employee_id)
);

create index sales_team_member_by_employee on sales_team_member (tenant_id, employee_id, opportunity_id);
