-- Transfers, their timelines, and the actions each change asked for (carried out after commit).
-- Times are epoch milliseconds (UTC): one representation on H2 and PostgreSQL alike.
create table transfers (
  id varchar(40) primary key,
  state varchar(20) not null,
  mode varchar(20) not null,
  from_room varchar(128) not null,
  new_room varchar(200) not null,
  agent_a varchar(128) not null,
  agent_b varchar(128) not null,
  caller_identity varchar(128),
  notes varchar(4000),
  briefer_dispatches integer not null,
  deadline_at bigint,
  expires_at bigint not null,
  created_at bigint not null,
  updated_at bigint not null,
  version bigint not null
);
create unique index transfers_new_room on transfers (new_room);
create index transfers_from_room on transfers (from_room, created_at);
create index transfers_state on transfers (state, deadline_at);

create table transfer_timeline (
  transfer_id varchar(40) not null references transfers (id),
  seq integer not null,
  state varchar(20) not null,
  at bigint not null,
  actor varchar(128) not null,
  reason varchar(500),
  primary key (transfer_id, seq)
);

create table transfer_actions (
  transfer_id varchar(40) not null references transfers (id),
  seq integer not null,
  kind varchar(40) not null,
  payload varchar(8000) not null,
  status varchar(10) not null,
  attempts integer not null,
  due_at bigint not null,
  last_error varchar(500),
  created_at bigint not null,
  primary key (transfer_id, seq)
);
create index transfer_actions_due on transfer_actions (status, due_at);
