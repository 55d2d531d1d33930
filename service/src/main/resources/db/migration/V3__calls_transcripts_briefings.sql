-- Calls the call assistant serves, its transcript segments, and the briefings made from them.
create table calls (
  room varchar(128) primary key,
  caller_identity varchar(128),
  agent_identity varchar(128),
  assistant_dispatch_id varchar(100),
  assistant_dispatched_at bigint,
  ended_at bigint,
  created_at bigint not null
);

create table transcript_segments (
  room varchar(128) not null,
  segment_id varchar(100) not null,
  speaker varchar(128) not null,
  role varchar(20) not null,
  start_ms bigint not null,
  end_ms bigint not null,
  text varchar(8000) not null,
  engine varchar(20) not null,
  created_at bigint not null,
  primary key (room, segment_id)
);
create index transcript_segments_time on transcript_segments (room, start_ms);

-- The call assistant's running briefing of a call (one per room, replaced as it improves).
create table call_briefings (
  room varchar(128) primary key,
  card varchar(16000) not null,
  provider varchar(20) not null,
  segments integer not null,
  updated_at bigint not null
);

-- The briefing a transfer's Agent B got: the structured card, the spoken text, whether it was spoken.
create table transfer_briefings (
  transfer_id varchar(40) primary key references transfers (id),
  card varchar(16000) not null,
  summary varchar(8000) not null,
  spoken_text varchar(4000) not null,
  provider varchar(20) not null,
  spoken boolean not null,
  spoken_at bigint,
  first_audio_ms bigint,
  interrupted boolean not null,
  updated_at bigint not null
);
