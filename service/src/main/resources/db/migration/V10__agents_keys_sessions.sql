-- Who may do what (issue 10): teams, agents (bcrypt password hashes), API keys and sessions.
-- Keys and session tokens are stored as SHA-256 digests, never as themselves.
-- Times are epoch milliseconds (UTC), as in V1.
create table teams (
  name varchar(64) primary key,
  created_at bigint not null
);

create table agents (
  username varchar(64) primary key,
  identity varchar(128) not null,
  display_name varchar(128) not null,
  team varchar(64) not null references teams (name),
  password_hash varchar(100) not null,
  disabled boolean not null,
  created_at bigint not null
);
create unique index agents_identity on agents (identity);

create table api_keys (
  id varchar(64) primary key,
  digest varchar(64) not null,
  name varchar(128) not null,
  rights varchar(200) not null,
  revoked boolean not null,
  created_at bigint not null
);
create unique index api_keys_digest on api_keys (digest);

create table sessions (
  digest varchar(64) primary key,
  username varchar(64) not null references agents (username),
  created_at bigint not null,
  expires_at bigint not null
);
create index sessions_expires on sessions (expires_at);
