package dev.warmtransfer.service.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's database: a connection pool, JDBI on top of it, and the schema brought up to date
 * (Flyway, {@code db/migration}) when the service starts, before it accepts requests.
 */
public final class Database implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private final DatabaseConfig config;
  private final HikariDataSource pool;
  private final Jdbi jdbi;

  public Database(DatabaseConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("database");
    hc.setJdbcUrl(config.jdbcUrl());
    if (!config.getUser().isEmpty()) {
      hc.setUsername(config.getUser());
    }
    if (!config.getPassword().isEmpty()) {
      hc.setPassword(config.getPassword());
    }
    hc.setMaximumPoolSize(config.getMaxConnections());
    hc.setMinimumIdle(Math.min(2, config.getMaxConnections()));
    hc.setConnectionTimeout(Math.max(250, config.getConnectTimeout().toMilliseconds()));
    // Connect on first use, not here: the service may start before the database is reachable.
    hc.setInitializationFailTimeout(-1);
    this.pool = new HikariDataSource(hc);
    this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return pool;
  }

  public DatabaseConfig config() {
    return config;
  }

  /** Brings the schema up to date; safe to call again. */
  public MigrateResult migrate() {
    Flyway flyway =
        Flyway.configure()
            .dataSource(pool)
            .locations("classpath:db/migration")
            // Branches number their migrations in separate ranges (V1..V9, V10..V19): a database
            // that already has a later range must still take an earlier one that arrives later.
            .outOfOrder(true)
            .load();
    MigrateResult result = flyway.migrate();
    LOG.info(
        "event=database_migrated url={} applied={} version={}",
        config.describe(),
        result.migrationsExecuted,
        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
    return result;
  }

  /**
   * Whether the database answers now, within {@code timeout}: for readiness. Never throws.
   *
   * @return null when it answers, else why not (no secrets: the exception's class and SQL state)
   */
  public String probe(Duration timeout) {
    int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
    try (Connection c = pool.getConnection()) {
      return c.isValid(seconds) ? null : "database did not answer within " + seconds + " s";
    } catch (SQLException e) {
      return "database unreachable (" + e.getClass().getSimpleName() + " " + e.getSQLState() + ")";
    } catch (RuntimeException e) {
      return "database unreachable (" + e.getClass().getSimpleName() + ")";
    }
  }

  @Override
  public void start() {
    migrate();
  }

  @Override
  public void stop() {
    pool.close();
    LOG.info("event=database_closed url={}", config.describe());
  }
}
