-- The fields the pending approval's flow conditions read (JSON array): while it waits they cannot change.
alter table opportunity add column approval_watched_fields varchar(2000);
