-- Deals' sales teams, kept from opportunity.sales-team-changed (the whole team replaces what is held;
-- dropped with the deal on opportunity.deleted). Read by the reservation rule only: an EDIT member may
-- re-reserve the owner's existing deal. Members are never counted in holdings (limits count owners only).
create table sales_team_member (
    tenant_id      varchar(64)  not null,
    opportunity_id varchar(120) not null,
    employee_id    varchar(120) not null,
    access         varchar(10)  not null,
    primary key (tenant_id, opportunity_id, employee_id)
);
