package dev.warmtransfer.service.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents' sign-in and the credentials the filter checks.
 *
 * <p>Sessions are random 256-bit tokens kept server-side (their digest, in the database), not
 * signed stateless tokens: signing out and disabling an agent take effect at once, there is no
 * signing key to rotate, and the token says nothing about who holds it. The request path still
 * never touches the database: {@link CredentialCache} holds the live set, reloaded every few
 * seconds so keys added by {@code admin} and other instances' sign-outs arrive.
 */
public final class Sessions {
  /** A session just opened: the secret goes to the agent once, only its digest is kept. */
  public record Opened(String token, AuthStore.Agent agent, Instant expiresAt) {}

  private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
  private final AuthStore store;
  private final CredentialCache cache;
  private final Map<String, Actor> configuredKeys;
  private final Duration ttl;
  private final Clock clock;
  // Login, logout and reload each pair a database change with a cache change; one lock keeps a
  // reload's older snapshot from undoing a sign-in or sign-out made while it ran.
  private final Object lock = new Object();

  public Sessions(AuthStore store, CredentialCache cache, Map<String, Actor> configuredKeys, Duration ttl, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.configuredKeys = Map.copyOf(configuredKeys);
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Checks the password (bcrypt, always, even for an unknown name) and opens a session. */
  public Optional<Opened> login(String username, String password) {
    Optional<AuthStore.Agent> found = store.agent(username);
    String hash = found.filter(a -> !a.disabled()).map(AuthStore.Agent::passwordHash).orElse(null);
    if (!Passwords.matches(password, hash)) {
      LOG.info("event=login_failed username={}", username);
      return Optional.empty();
    }
    AuthStore.Agent agent = found.get();
    String token = Secrets.generate("wts_");
    String digest = Secrets.digest(token);
    Instant expires = clock.instant().plus(ttl);
    synchronized (lock) {
      store.addSession(digest, agent.username(), expires);
      cache.putSession(digest, agent.actor(), expires);
    }
    LOG.info("event=login agent={} team={}", agent.identity(), agent.team());
    return Optional.of(new Opened(token, agent, expires));
  }

  public void logout(String token) {
    String digest = Secrets.digest(token);
    synchronized (lock) {
      store.removeSession(digest);
      cache.removeSession(digest);
    }
  }

  /** Brings the cache in line with the database: keys (plus configured ones) and live sessions. */
  public void reload() {
    synchronized (lock) {
      Map<String, Actor> keys = new HashMap<>(configuredKeys);
      for (AuthStore.ApiKey k : store.keys()) {
        if (!k.revoked()) {
          keys.put(k.digest(), k.actor());
        }
      }
      cache.replaceKeys(keys);
      List<AuthStore.Session> live = store.liveSessions();
      Map<String, Actor> actors = new HashMap<>();
      Map<String, Instant> expiries = new HashMap<>();
      for (AuthStore.Session s : live) {
        actors.put(s.digest(), s.agent().actor());
        expiries.put(s.digest(), s.expiresAt());
      }
      cache.replaceSessions(actors, expiries);
    }
  }
}
