package io.oppsuite.bench;

/**
 * pgbench scripts doing, straight in SQL, the writes one POST /opportunities makes: in
 * holding-service's tables (schema {@code holding} of the pgbench database) the reservation's
 * transaction (directory lookup, definition lock, rules, the scope's lock, open-reservation check,
 * definition, the scope's count, the insert); in opportunity-service's tables the duplicate-key
 * lookup, the opportunity row, its first stage history row, its duplicate key and its outbox event,
 * in one transaction; then the reservation's confirm. What pgbench does not pay is the service's
 * own work: HTTP, JSON, JWT, the Kafka relay and the consumers of the event.
 */
final class PgBenchScripts {

    private PgBenchScripts() {
    }

    static final String HOLDING_SCHEMA = "holding";
    static final java.util.List<String> HOLDING_TABLES = java.util.List.of("employee", "holding_rule", "holding_definition", "holding", "reservation");

    static String opportunityCreate(String tenant, String processId) {
        return """
                \\set n random(1, 2000000000)
                \\set rep :n %% 50
                SELECT gen_random_uuid() AS oid, gen_random_uuid() AS rid \\gset
                BEGIN;
                SELECT id, attributes FROM holding.employee WHERE tenant_id = '%1$s' AND id = 'rep-' || :rep;
                SELECT cast(1 as integer) FROM pg_advisory_xact_lock_shared(hashtextextended('holding-definition:%1$s', 0));
                SELECT id, scope, limit_value, employee_conditions, opportunity_conditions FROM holding.holding_rule WHERE tenant_id = '%1$s';
                SELECT cast(1 as integer) FROM pg_advisory_xact_lock(hashtextextended('holding:%1$s:EMPLOYEES:' || 'rep-' || :rep, 0));
                SELECT id FROM holding.reservation WHERE tenant_id = '%1$s' AND opportunity_id = ':oid' AND owner_id = 'rep-' || :rep
                  AND (status = 'CONFIRMED' OR (status = 'PENDING' AND expires_at > now()));
                SELECT conditions FROM holding.holding_definition WHERE tenant_id = '%1$s';
                SELECT count(DISTINCT opportunity_id), coalesce(bool_or(opportunity_id = ':oid'), false) FROM (
                  SELECT opportunity_id FROM holding.holding WHERE tenant_id = '%1$s' AND NOT deleted AND qualifies
                    AND owner_id IS NOT NULL AND owner_id = 'rep-' || :rep
                  UNION ALL SELECT opportunity_id FROM holding.reservation WHERE tenant_id = '%1$s' AND counted
                    AND (status = 'CONFIRMED' OR (status = 'PENDING' AND expires_at > now()))
                    AND owner_id IS NOT NULL AND owner_id = 'rep-' || :rep) held;
                INSERT INTO holding.reservation (id, tenant_id, opportunity_id, owner_id, department_id, opportunity, status,
                    counted, expires_at, created_at)
                  VALUES (':rid', '%1$s', ':oid', 'rep-' || :rep, 'dept-' || (:rep %% 5),
                    '{"id":"' || ':oid' || '","name":"Deal ' || :n || '","amount":12500,"status":"ACTIVE","stageType":"IN_PROGRESS"}',
                    'PENDING', true, now() + interval '30 seconds', now());
                END;
                BEGIN;
                SELECT opportunity_id FROM duplicate_key WHERE tenant_id = '%1$s' AND rule_id = '00000000-0000-0000-0000-000000000001'
                  AND key_hash = substr(md5('acc-' || :n || '|deal ' || :n), 1, 32);
                WITH o AS (
                  INSERT INTO opportunity (id, tenant_id, name, name_normalized, account_id, account_name, owner_id, department_id,
                      amount, currency, win_rate, expected_close_date, sales_process_id, stage_key, stage_type, status,
                      stage_entered_at, created_at, updated_at, created_by, version)
                  VALUES (':oid', '%1$s', 'Deal ' || :n, 'deal ' || :n, 'acc-' || :n, 'Account ' || :n, 'rep-' || :rep, 'dept-' || (:rep %% 5),
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
                BEGIN;
                SELECT status FROM holding.reservation WHERE id = ':rid' AND tenant_id = '%1$s';
                UPDATE holding.reservation SET status = 'CONFIRMED' WHERE id = ':rid';
                END;
                """.formatted(tenant, processId);
    }
}
