-- The steps of an approval are searched for a caller (an EMPLOYEES step naming them, a ROLE step of one of
-- their roles): jsonb, searched by containment (@>) through a GIN index instead of a text pattern. The other
-- ways an approval concerns a caller get an index each, so every branch of the search is an index lookup.
alter table approval alter column steps type jsonb using cast(steps as jsonb);
create index approval_steps on approval using gin (steps jsonb_path_ops);
create index approval_requested_by on approval (tenant_id, requested_by);
create index approval_owner on approval (tenant_id, owner_id);
create index approval_department on approval (tenant_id, department_id);
