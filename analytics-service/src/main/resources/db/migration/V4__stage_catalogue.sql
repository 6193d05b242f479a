-- pipeline-config-service's stage catalogue (stage.upserted / stage.deleted): a stage that left its
-- process is still reported under its label. A catalogue stage deals have used cannot be deleted, and the
-- topic is compacted, so its latest record stays.
create table stage_catalogue (
    tenant_id varchar(64)  not null,
    stage_id  varchar(64)  not null,
    stage_key varchar(64)  not null,
    label     varchar(200),
    primary key (tenant_id, stage_id)
);

create index stage_catalogue_key on stage_catalogue (tenant_id, stage_key);
