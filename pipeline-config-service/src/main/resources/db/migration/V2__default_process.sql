-- the process a tenant is seeded with, found by GET /sales-processes?default=true; for tenants seeded
-- before this column, their first process is the seeded one
alter table sales_process add column is_default boolean not null default false;
update sales_process p set is_default = true
where p.created_at = (select min(q.created_at) from sales_process q where q.tenant_id = p.tenant_id)
  and p.name = 'Standard sales process';
