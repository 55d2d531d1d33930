package dev.warmtransfer.service.db;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;

/** Asks the database for a live connection, as readiness needs it. */
public final class DatabaseHealthCheck extends HealthCheck {
  private final Database database;
  private final Duration timeout;

  public DatabaseHealthCheck(Database database, Duration timeout) {
    this.database = database;
    this.timeout = timeout;
  }

  @Override
  protected Result check() {
    String problem = database.probe(timeout);
    String url = database.config().describe();
    return problem == null
        ? Result.builder().healthy().withDetail("url", url).build()
        : Result.builder().unhealthy().withMessage(problem).withDetail("url", url).build();
  }
}
