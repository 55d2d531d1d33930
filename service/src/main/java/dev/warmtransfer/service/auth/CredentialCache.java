package dev.warmtransfer.service.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live API keys and sessions, by digest, in memory: checking a credential is one SHA-256 and
 * one map lookup, never a database round trip or a password hash on the request path.
 * The database is the record; {@link #replaceKeys} and {@link #replaceSessions} reload from it.
 */
public final class CredentialCache implements Credentials {
  private record Entry(Actor actor, Instant expiresAt) {}

  private final Clock clock;
  private volatile Map<String, Entry> keys = Map.of();
  private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

  public CredentialCache(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<Actor> bearer(String secret) {
    if (secret == null || secret.isEmpty() || secret.length() > 512) {
      return Optional.empty();
    }
    String digest = Secrets.digest(secret);
    Entry key = keys.get(digest);
    if (key != null) {
      return Optional.of(key.actor());
    }
    return live(sessions.get(digest), digest);
  }

  @Override
  public Optional<Actor> session(String secret) {
    if (secret == null || secret.isEmpty() || secret.length() > 512) {
      return Optional.empty();
    }
    String digest = Secrets.digest(secret);
    return live(sessions.get(digest), digest);
  }

  private Optional<Actor> live(Entry e, String digest) {
    if (e == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(e.expiresAt())) {
      sessions.remove(digest, e);
      return Optional.empty();
    }
    return Optional.of(e.actor());
  }

  /** All valid API keys, digest to actor; replaces the previous set at once. */
  public void replaceKeys(Map<String, Actor> byDigest) {
    Map<String, Entry> next = new java.util.HashMap<>();
    byDigest.forEach((d, a) -> next.put(d, new Entry(a, Instant.MAX)));
    keys = Map.copyOf(next);
  }

  public void putSession(String digest, Actor actor, Instant expiresAt) {
    sessions.put(digest, new Entry(actor, expiresAt));
  }

  public void removeSession(String digest) {
    sessions.remove(digest);
  }

  /**
   * Sessions as the database has them: drops those revoked elsewhere (another instance's logout, a
   * disabled agent). The caller serialises this with its own puts and removes ({@link Sessions}).
   */
  public void replaceSessions(Map<String, Actor> byDigest, Map<String, Instant> expiries) {
    sessions.keySet().retainAll(byDigest.keySet());
    byDigest.forEach((d, a) -> sessions.put(d, new Entry(a, expiries.get(d))));
  }
}
