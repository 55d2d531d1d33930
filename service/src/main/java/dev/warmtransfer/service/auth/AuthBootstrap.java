package dev.warmtransfer.service.auth;

import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once the database is migrated: in dev mode, two demo agents in two teams when there are none;
 * then the credential cache is loaded, and reloaded every few seconds on one thread of its own.
 */
final class AuthBootstrap implements Managed {
  static final String[][] DEMO_AGENTS = {
    {"alice", "Alice Archer", "billing"},
    {"bob", "Bob Baker", "support"},
  };
  private static final Logger LOG = LoggerFactory.getLogger(AuthBootstrap.class);
  private static final long RELOAD_SECONDS = 5;
  private final AuthStore store;
  private final Sessions sessions;
  private final boolean devMode;
  private final String demoPassword;
  private ScheduledExecutorService reloader;

  AuthBootstrap(AuthStore store, Sessions sessions, boolean devMode, String demoPassword) {
    this.store = store;
    this.sessions = sessions;
    this.devMode = devMode;
    this.demoPassword = demoPassword;
  }

  @Override
  public void start() {
    if (devMode && store.agentCount() == 0) {
      if (demoPassword.length() < Passwords.MIN_LENGTH) {
        LOG.warn("event=demo_agents_skipped reason=\"WT_DEMO_PASSWORD unset or shorter than {}\"", Passwords.MIN_LENGTH);
      } else {
        String hash = Passwords.hash(demoPassword);
        for (String[] a : DEMO_AGENTS) {
          store.addAgent(a[0], a[1], a[2], hash);
          LOG.info("event=demo_agent_created username={} team={}", a[0], a[2]);
        }
      }
    }
    sessions.reload();
    reloader = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "auth-reload");
      t.setDaemon(true);
      return t;
    });
    reloader.scheduleWithFixedDelay(this::reloadQuietly, RELOAD_SECONDS, RELOAD_SECONDS, TimeUnit.SECONDS);
  }

  private void reloadQuietly() {
    try {
      sessions.reload();
    } catch (RuntimeException e) {
      // The database blinked: the last known keys and sessions stay in force until it is back.
      LOG.warn("event=credentials_reload_failed error={}", e.getClass().getSimpleName());
    }
  }

  @Override
  public void stop() {
    if (reloader != null) {
      reloader.shutdownNow();
    }
  }
}
