-- Idempotency keys belong to the caller (tenant and token subject), not to the whole tenant, and the
-- first answer's ETag is replayed with it. Keys expire after a day (IdempotentRequests.TTL).
alter table idempotency_record add column subject varchar(120) not null default '';
alter table idempotency_record add column etag text;
alter table idempotency_record drop constraint idempotency_record_pkey;
alter table idempotency_record add primary key (tenant_id, subject, idem_key);
create index idempotency_record_created on idempotency_record (created_at);
