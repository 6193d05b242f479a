-- Webhooks: endpoints a tenant registers, one delivery per (endpoint, event), and every attempt.
-- The payload is stored as the exact text that is signed and sent (text, not jsonb: jsonb would
-- reorder keys and break the signature of a redelivery).
create table webhook_endpoint (
    id          uuid primary key,
    tenant_id   text        not null,
    url         text        not null,
    secret      text        not null,
    -- JSON array of event types ("*" = all); read with the endpoint, matched in Java, never queried
    event_types text        not null,
    description text,
    active      boolean     not null default true,
    created_at  timestamptz not null,
    created_by  text,
    version     bigint      not null default 0
);
create index webhook_endpoint_tenant on webhook_endpoint (tenant_id, created_at);

create table webhook_delivery (
    id              uuid primary key,
    seq             bigserial   not null,
    tenant_id       text        not null,
    endpoint_id     uuid        not null references webhook_endpoint (id) on delete cascade,
    event_id        text        not null,
    event_type      text        not null,
    order_key       text        not null,
    payload         text        not null,
    status          text        not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    last_error      text,
    unique (endpoint_id, event_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_queue on webhook_delivery (endpoint_id, order_key, seq) where status = 'PENDING';
create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, seq);

create table webhook_attempt (
    id           bigserial primary key,
    delivery_id  uuid        not null references webhook_delivery (id) on delete cascade,
    attempted_at timestamptz not null,
    status_code  int,
    error        text,
    duration_ms  bigint      not null
);
create index webhook_attempt_delivery on webhook_attempt (delivery_id, id);
