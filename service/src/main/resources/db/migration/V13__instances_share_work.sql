-- Several service instances may share one database. An action is carried out by the instance that
-- claimed it, until the claim runs out (then another takes over what a crashed instance held).
alter table transfer_actions add column claimed_by varchar(80);
alter table transfer_actions add column claimed_until bigint;
-- Each instance tells its own consoles of changes the others made: it reads transfers by when they
-- were last written (updated_at is when the phase began, which a write may leave as it was).
alter table transfers add column written_at bigint;
create index transfers_written on transfers (written_at);
