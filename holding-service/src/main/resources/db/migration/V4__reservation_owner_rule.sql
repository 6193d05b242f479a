-- Who asked for a reservation (the token's subject); a confirmed reservation expires too (the
-- confirmed TTL), so one whose opportunity never arrives stops counting.
alter table reservation add column reserved_by varchar(120);
update reservation set expires_at = greatest(expires_at, now() + interval '5 minutes') where status = 'CONFIRMED';
