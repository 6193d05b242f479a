-- Shared by every service (each in its own database): the transactional outbox, the
-- idempotent consumer's record of processed events, and Idempotency-Key answers.

create table outbox_event (
    seq          bigint generated always as identity primary key,
    event_id     varchar(64)  not null unique,
    topic        varchar(120) not null,
    event_type   varchar(120) not null,
    tenant_id    varchar(64)  not null,
    aggregate_id varchar(120) not null,
    partition_no int          not null,
    payload      jsonb        not null,
    created_at   timestamptz  not null default now(),
    sent_at      timestamptz
);
-- The relay reads the unsent rows of one partition in commit order.
create index outbox_event_pending on outbox_event (partition_no, seq) where sent_at is null;

create function suite_outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox_event', '');
    return null;
end $$;

-- One NOTIFY per statement, delivered at commit: the relay wakes when the event is visible.
create trigger outbox_event_notify after insert on outbox_event
    for each statement execute function suite_outbox_notify();

create table processed_event (
    consumer     varchar(120) not null,
    event_id     varchar(64)  not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);

create table idempotency_record (
    tenant_id     varchar(64)  not null,
    idem_key      varchar(200) not null,
    request_hash  varchar(64)  not null,
    status_code   int,
    response_body text,
    location      text,
    created_at    timestamptz  not null default now(),
    primary key (tenant_id, idem_key)
);
