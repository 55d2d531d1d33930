-- LiveKit webhooks already applied, by event id: a replayed or redelivered webhook is applied once.
create table webhook_events (
  id varchar(100) primary key,
  event varchar(40) not null,
  room varchar(200),
  received_at bigint not null
);
create index webhook_events_received on webhook_events (received_at);
