-- Pool membership is decided by holding-service's directory (departments, user groups), no longer
-- by the token's roles. memberGroups used to be matched against token roles: role names found there
-- (admin, manager, sales) move to member_roles, which keeps matching token roles, so an existing
-- pool admits exactly whom it admitted before; every other entry is now a directory user group id.
alter table opportunity_pool add column member_roles text not null default '[]';

update opportunity_pool
set member_roles  = coalesce((select jsonb_agg(g) from jsonb_array_elements_text(cast(member_groups as jsonb)) g
                              where g in ('admin', 'manager', 'sales')), '[]'::jsonb)::text,
    member_groups = coalesce((select jsonb_agg(g) from jsonb_array_elements_text(cast(member_groups as jsonb)) g
                              where g not in ('admin', 'manager', 'sales')), '[]'::jsonb)::text
where exists (select 1 from jsonb_array_elements_text(cast(member_groups as jsonb)) g where g in ('admin', 'manager', 'sales'));
