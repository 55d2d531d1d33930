package dev.warmtransfer.service.support;

import dev.warmtransfer.service.db.DatabaseConfig;
import dev.warmtransfer.testkit.PostgresExtension;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The two databases the service runs on: a fresh H2 file, and a real PostgreSQL server's database. */
public final class TestDatabases {
  private TestDatabases() {}

  public static DatabaseConfig h2() {
    DatabaseConfig c = new DatabaseConfig();
    c.setUrl("jdbc:h2:file:./target/test-db/" + UUID.randomUUID());
    return c;
  }

  /** This test class's PostgreSQL database; its tables persist across the class's tests. */
  public static DatabaseConfig postgres(PostgresExtension postgres) {
    DatabaseConfig c = new DatabaseConfig();
    c.setUrl(postgres.jdbcUrl());
    c.setUser(postgres.user());
    return c;
  }

  /** For {@code @MethodSource}: both kinds, named for the test report. */
  public static Stream<Named<DatabaseConfig>> both(PostgresExtension postgres) {
    return Stream.of(Named.of("h2", h2()), Named.of("postgresql", postgres(postgres)));
  }
}
