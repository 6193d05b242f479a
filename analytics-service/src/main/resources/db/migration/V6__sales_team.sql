-- Deals' sales teams (opportunity.sales-team-changed; module README, "Visibility"): a member sees the deal in
-- every report that takes the caller's scope. The team as it is now, not a history: removing a member removes
-- the deal from their scope at once, in reports as of a past instant too.

-- One row per deal whose team was ever set: the opportunity version of the team event applied last (an
-- older one arriving later, e.g. a bootstrap replaying the topic over a restored database, changes nothing),
-- and a tombstone once the deal is deleted (a team event arriving after the deletion changes nothing).
create table sales_team (
    tenant_id           varchar(64) not null,
    opportunity_id      varchar(64) not null,
    opportunity_version bigint      not null,
    deleted             boolean     not null default false,
    primary key (tenant_id, opportunity_id)
);

-- The members: the whole team of the last applied event.
create table sales_team_member (
    tenant_id      varchar(64) not null,
    opportunity_id varchar(64) not null,
    employee_id    varchar(64) not null,
    access         varchar(8)  not null,
    primary key (tenant_id, opportunity_id, employee_id)
);

-- "The deals whose team has this employee": the subquery of every scoped report.
create index sales_team_member_employee on sales_team_member (tenant_id, employee_id, opportunity_id);
