-- Who took each call room (issue 10): an agent's token for a call room needs the call to be theirs,
-- for as long as the room lives, across restarts. Times are epoch milliseconds (UTC), as in V1.
create table taken_calls (
  room varchar(128) primary key,
  agent varchar(128) not null,
  taken_at bigint not null
);
