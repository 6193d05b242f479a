-- The event log is the projection's complete history (the topic keeps days): it now keeps what a
-- point-in-time report and a per-tenant rebuild need without parsing every state.
--   sales_process_id   the process the state was in (a report as of an instant reads one process's log)
--   occurred_at_millis when the event happened (its CloudEvent time): a report as of T counts the events up to T
--   reason             the reason an event gave (entering Lost or Invalid), for the loss-reason breakdown
alter table opportunity_event_log
    add column sales_process_id   varchar(64),
    add column occurred_at_millis bigint,
    add column reason             varchar(500);

-- States logged before: their process from the state, their time from when the state says it
-- entered its stage (else was created); a reason was not kept.
update opportunity_event_log
set sales_process_id = cast(state as jsonb) ->> 'salesProcessId',
    occurred_at_millis = (
        select cast(floor(extract(epoch from cast(x as timestamptz)) * 1000) as bigint)
        from (select coalesce(cast(state as jsonb) ->> 'stageEnteredAt', cast(state as jsonb) ->> 'createdAt') as x) v
        where x ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T');

create index opportunity_event_log_process on opportunity_event_log (tenant_id, sales_process_id, opportunity_id);

-- The reason a deal was lost from this stage (its last exit went to Lost or Invalid with that reason).
alter table stage_fact add column loss_reason varchar(500);
