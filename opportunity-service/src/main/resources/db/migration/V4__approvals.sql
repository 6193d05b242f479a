-- Issue 7 (approval side): creation approvals and stage moves waiting for an approval.
alter table opportunity
    add column approval_request_id varchar(64),
    add column pending_move_to      varchar(64),
    add column pending_move_reason  varchar(500),
    add column pending_move_version bigint,
    add column pending_move_by      varchar(64),
    add column last_rejection       varchar(1000);
create index opportunity_approval_request on opportunity (tenant_id, approval_request_id) where approval_request_id is not null;

-- approval flows as published by approval-service on approval-events (approval-flow.upserted/deleted)
create table approval_flow_cache (
    tenant_id        varchar(64)  not null,
    flow_id          varchar(64)  not null,
    trigger_type     varchar(32)  not null,
    sales_process_id varchar(64),
    stage_key        varchar(64),
    active           boolean      not null,
    version          bigint       not null,
    snapshot         text         not null,
    primary key (tenant_id, flow_id)
);
