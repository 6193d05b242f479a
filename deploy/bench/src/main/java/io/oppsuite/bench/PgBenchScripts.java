package io.oppsuite.bench;

/**
 * pgbench scripts doing, straight in SQL, the writes one POST /opportunities makes in
 * opportunity-service's database: the duplicate-key lookup, the opportunity row, its first stage
 * history row, its duplicate key and its outbox event, in one transaction. (The holding reservation
 * lives in holding-service's database and is not part of this figure: the ratio is a ceiling for
 * the service, which also does HTTP, JSON, JWT, the reservation and the Kafka relay.)
 */
final class PgBenchScripts {

    private PgBenchScripts() {
    }

    static String opportunityCreate(String tenant, String processId) {
        return """
                \\set n random(1, 2000000000)
                BEGIN;
                SELECT opportunity_id FROM duplicate_key WHERE tenant_id = '%1$s' AND rule_id = '00000000-0000-0000-0000-000000000001'
                  AND key_hash = substr(md5('acc-' || :n || '|deal ' || :n), 1, 32);
                WITH o AS (
                  INSERT INTO opportunity (id, tenant_id, name, name_normalized, account_id, account_name, owner_id, department_id,
                      amount, currency, win_rate, expected_close_date, sales_process_id, stage_key, stage_type, status,
                      stage_entered_at, created_at, updated_at, created_by, version)
                  VALUES (gen_random_uuid(), '%1$s', 'Deal ' || :n, 'deal ' || :n, 'acc-' || :n, 'Account ' || :n, 'rep-' || (:n %% 50), 'dept-' || (:n %% 5),
                      12500, 'EUR', 10, date '2027-03-31', '%2$s', 'qualification', 'IN_PROGRESS', 'ACTIVE',
                      now(), now(), now(), 'bench-admin', 0)
                  RETURNING id),
                h AS (
                  INSERT INTO stage_history (id, tenant_id, opportunity_id, from_stage, to_stage, to_stage_type, entered_at, changed_by)
                  SELECT gen_random_uuid(), '%1$s', id, null, 'qualification', 'IN_PROGRESS', now(), 'bench-admin' FROM o),
                k AS (
                  INSERT INTO duplicate_key (tenant_id, rule_id, key_hash, opportunity_id, close_date)
                  SELECT '%1$s', '00000000-0000-0000-0000-000000000001', substr(md5('acc-' || :n || '|deal ' || :n), 1, 32), id, date '2027-03-31' FROM o)
                INSERT INTO outbox_event (event_id, topic, event_type, tenant_id, aggregate_id, partition_no, payload)
                  SELECT gen_random_uuid()::text, 'opportunity-events', 'opportunity.created', '%1$s', id::text, 0,
                         jsonb_build_object('opportunity', jsonb_build_object('id', id, 'name', 'Deal ' || :n, 'amount', 12500)) FROM o;
                END;
                """.formatted(tenant, processId);
    }
}
