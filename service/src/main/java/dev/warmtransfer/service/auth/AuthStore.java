package dev.warmtransfer.service.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** Teams, agents, API keys and sessions in the service's database (V10). */
public final class AuthStore {
  public record Agent(String username, String identity, String name, String team, String passwordHash, boolean disabled) {
    public Agent {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(team, "team");
      Objects.requireNonNull(passwordHash, "passwordHash");
    }

    public Actor actor() {
      return Actor.agent(identity, name, team);
    }
  }

  public record ApiKey(String id, String digest, String name, Set<Right> rights, boolean revoked) {
    public ApiKey {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(name, "name");
      rights = rights.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rights));
    }

    public Actor actor() {
      return Actor.apiClient(id, name, rights);
    }
  }

  public record Session(String digest, Agent agent, Instant expiresAt) {}

  private final Jdbi jdbi;
  private final Clock clock;

  public AuthStore(Jdbi jdbi, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Adds the team when it is new; a no-op otherwise. */
  public void ensureTeam(String name) {
    jdbi.useTransaction(h -> {
      boolean exists = h.createQuery("select count(*) from teams where name = :n").bind("n", name).mapTo(Integer.class).one() > 0;
      if (!exists) {
        h.createUpdate("insert into teams (name, created_at) values (:n, :t)").bind("n", name).bind("t", now()).execute();
      }
    });
  }

  public void addAgent(String username, String name, String team, String passwordHash) {
    Usernames.check(username);
    ensureTeam(team);
    jdbi.useHandle(h -> h.createUpdate(
            "insert into agents (username, identity, display_name, team, password_hash, disabled, created_at)"
                + " values (:u, :i, :n, :team, :p, false, :t)")
        .bind("u", username)
        .bind("i", ReservedIdentities.forAgent(username))
        .bind("n", name)
        .bind("team", team)
        .bind("p", passwordHash)
        .bind("t", now())
        .execute());
  }

  /** The display name of the agent with this LiveKit identity ({@code agent-<username>}), if any. */
  public Optional<String> displayNameOf(String identity) {
    return identity.startsWith(ReservedIdentities.AGENT_PREFIX)
        ? agent(identity.substring(ReservedIdentities.AGENT_PREFIX.length())).map(Agent::name)
        : Optional.empty();
  }

  public Optional<Agent> agent(String username) {
    return jdbi.withHandle(h -> h.createQuery(
            "select username, identity, display_name, team, password_hash, disabled from agents where username = :u")
        .bind("u", username)
        .map((rs, ctx) -> agentRow(rs))
        .findOne());
  }

  public List<Agent> agents() {
    return jdbi.withHandle(h -> h.createQuery(
            "select username, identity, display_name, team, password_hash, disabled from agents order by team, username")
        .map((rs, ctx) -> agentRow(rs))
        .list());
  }

  public int agentCount() {
    return jdbi.withHandle(h -> h.createQuery("select count(*) from agents").mapTo(Integer.class).one());
  }

  public void addKey(String id, String digest, String name, Set<Right> rights) {
    jdbi.useHandle(h -> h.createUpdate(
            "insert into api_keys (id, digest, name, rights, revoked, created_at) values (:id, :d, :n, :r, false, :t)")
        .bind("id", id)
        .bind("d", digest)
        .bind("n", name)
        .bind("r", rights.stream().map(Right::wireName).sorted().collect(Collectors.joining(",")))
        .bind("t", now())
        .execute());
  }

  /** @return whether a key of that id existed */
  public boolean revokeKey(String id) {
    return jdbi.withHandle(h -> h.createUpdate("update api_keys set revoked = true where id = :id").bind("id", id).execute()) > 0;
  }

  public List<ApiKey> keys() {
    return jdbi.withHandle(h -> h.createQuery("select id, digest, name, rights, revoked from api_keys order by id")
        .map((rs, ctx) -> new ApiKey(
            rs.getString("id"), rs.getString("digest"), rs.getString("name"),
            Right.parse(rs.getString("rights")), rs.getBoolean("revoked")))
        .list());
  }

  public void addSession(String digest, String username, Instant expiresAt) {
    jdbi.useHandle(h -> h.createUpdate(
            "insert into sessions (digest, username, created_at, expires_at) values (:d, :u, :t, :e)")
        .bind("d", digest)
        .bind("u", username)
        .bind("t", now())
        .bind("e", expiresAt.toEpochMilli())
        .execute());
  }

  public void removeSession(String digest) {
    jdbi.useHandle(h -> h.createUpdate("delete from sessions where digest = :d").bind("d", digest).execute());
  }

  /** Live sessions of agents not disabled; expired rows are deleted on the way. */
  public List<Session> liveSessions() {
    long now = now();
    return jdbi.withHandle(h -> {
      h.createUpdate("delete from sessions where expires_at <= :t").bind("t", now).execute();
      return h.createQuery(
              "select s.digest, s.expires_at, a.username, a.identity, a.display_name, a.team, a.password_hash, a.disabled"
                  + " from sessions s join agents a on a.username = s.username where a.disabled = false")
          .map((rs, ctx) -> new Session(rs.getString("digest"), agentRow(rs), Instant.ofEpochMilli(rs.getLong("expires_at"))))
          .list();
    });
  }

  private static Agent agentRow(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Agent(
        rs.getString("username"), rs.getString("identity"), rs.getString("display_name"),
        rs.getString("team"), rs.getString("password_hash"), rs.getBoolean("disabled"));
  }

  private long now() {
    return clock.millis();
  }
}
