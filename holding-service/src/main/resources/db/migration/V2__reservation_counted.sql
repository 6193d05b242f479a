-- A reservation for an opportunity that does not meet the holding definition is kept (so
-- confirm/release stay idempotent) but never counts.
alter table reservation add column counted boolean not null default true;
-- One open reservation per (tenant, opportunity, owner): the idempotency of POST /holdings/reservations.
create index reservation_open on reservation (tenant_id, opportunity_id, owner_id) where status in ('PENDING', 'CONFIRMED');
