package dev.warmtransfer.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real PostgreSQL server per test run (starting a cluster takes seconds), and a fresh database
 * for each test class that registers this extension.
 *
 * <pre>{@code @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();}</pre>
 */
public final class PostgresExtension implements BeforeAllCallback {
  private static final Object LOCK = new Object();
  private static PostgresServer shared;
  private String url;

  /** This test class's own database. */
  public String jdbcUrl() {
    if (url == null) {
      throw new IllegalStateException("PostgreSQL is started in beforeAll; register the extension as static");
    }
    return url;
  }

  public String user() {
    return PostgresServer.USER;
  }

  public PostgresServer server() {
    synchronized (LOCK) {
      if (shared == null) {
        // Stopped by the server's shutdown hook when the test JVM exits.
        shared = PostgresServer.start();
      }
      return shared;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    url = server().newDatabase();
  }
}
