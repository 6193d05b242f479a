-- Bulk path for the scale benchmark: :rows opportunities for tenant :tenant in process :process,
-- spread over 100 owners and 10 departments. Duplicate keys are then computed by the service's own
-- backfill when the benchmark creates a duplicate rule (DuplicateKeyStore#backfill, in SQL).
-- psql -v tenant=... -v process=... -v rows=... -f opportunity-bulk.sql
insert into opportunity (id, tenant_id, name, name_normalized, account_id, account_name, owner_id, department_id,
                         amount, currency, win_rate, expected_close_date, sales_process_id, stage_key, stage_type, status,
                         stage_entered_at, created_at, updated_at, created_by, version)
select gen_random_uuid(), :'tenant', 'Bulk deal ' || n, 'bulkdeal' || n, 'bulk-acc-' || n, 'Bulk account ' || n,
       'bulk-owner-' || (n % 100), 'bulk-dept-' || (n % 10),
       1000 + (n % 50) * 100, 'EUR', 10, date '2027-01-01' + (n % 365), :'process', 'qualification', 'IN_PROGRESS', 'ACTIVE',
       now() - make_interval(mins => n % 100000), now() - make_interval(mins => n % 100000), now(), 'bulk-loader', 0
from generate_series(1, :rows) as n;
vacuum analyze opportunity;
