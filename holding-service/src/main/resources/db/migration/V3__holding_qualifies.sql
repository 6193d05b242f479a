-- Whether a holding meets its tenant's holding definition. Computed by the one condition evaluator
-- when the row is written (and again for the whole tenant when the definition changes), so that a
-- reservation counts a scope with one aggregate instead of reading every held opportunity.
alter table holding add column qualifies boolean not null default false;
update holding set qualifies = (cast(opportunity as jsonb) ->> 'status') in ('ACTIVE', 'PENDING_APPROVAL')
                           and (cast(opportunity as jsonb) ->> 'stageType') = 'IN_PROGRESS'
 where not deleted;
-- false until the tenant's rows are qualified against its own definition (at startup for definitions
-- that predate this column; inline when a definition is saved)
alter table holding_definition add column qualified boolean not null default false;
create index holding_owner_qualifying on holding (tenant_id, owner_id) where not deleted and qualifies;
