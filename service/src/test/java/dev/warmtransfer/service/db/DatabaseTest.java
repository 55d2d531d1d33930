package dev.warmtransfer.service.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warmtransfer.service.support.TestDatabases;
import dev.warmtransfer.testkit.PostgresExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema comes up the same on H2 and on a real PostgreSQL server, and keeps its constraints. */
class DatabaseTest {
  /** Named, so a later migration's new column does not break these hand-written rows. */
  private static final String COLUMNS = "(id, state, mode, from_room, new_room, agent_a, agent_b, caller_identity, notes,"
      + " briefer_dispatches, deadline_at, expires_at, created_at, updated_at, version)";

  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

  static Stream<Named<DatabaseConfig>> databases() {
    return TestDatabases.both(POSTGRES);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void migratesOnStartAndStoresATransferWithItsTimeline(DatabaseConfig config) {
    Database db = new Database(config);
    db.start();
    try {
      String id = "tr_" + System.nanoTime();
      db.jdbi().useTransaction(h -> {
        h.createUpdate(
                "insert into transfers (id, state, mode, from_room, new_room, agent_a, agent_b, caller_identity,"
                    + " notes, briefer_dispatches, deadline_at, expires_at, created_at, updated_at, version)"
                    + " values (:id, 'requested', 'join-caller', 'r1', :h, 'alice', 'bob', null, 'vip', 0, 10, 20, 1, 1, 1)")
            .bind("id", id)
            .bind("h", "r1-transfer-" + id)
            .execute();
        h.createUpdate("insert into transfer_timeline values (:id, 1, 'requested', 1, 'alice', 'asked')")
            .bind("id", id)
            .execute();
      });
      Map<String, Object> row =
          db.jdbi().withHandle(h -> h.createQuery("select * from transfers where id = :id").bind("id", id).mapToMap().one());
      assertThat(row).containsEntry("state", "requested").containsEntry("agent_b", "bob").containsEntry("notes", "vip");
      assertThat(row.get("caller_identity")).isNull();
      List<String> actors =
          db.jdbi().withHandle(h -> h.createQuery("select actor from transfer_timeline where transfer_id = :id")
              .bind("id", id).mapTo(String.class).list());
      assertThat(actors).containsExactly("alice");

      // A timeline row for a transfer that does not exist is refused by the database itself.
      assertThatThrownBy(() -> db.jdbi().useHandle(h ->
              h.execute("insert into transfer_timeline values ('tr_nobody', 1, 'requested', 1, 'x', null)")))
          .isInstanceOf(UnableToExecuteStatementException.class);
      // Two transfers never share a handoff room.
      assertThatThrownBy(() -> db.jdbi().useHandle(h ->
              h.createUpdate("insert into transfers " + COLUMNS + " values ('tr_other', 'requested', 'join-caller', 'r1',"
                      + " :h, 'alice', 'bob', null, null, 0, null, 20, 1, 1, 1)")
                  .bind("h", "r1-transfer-" + id).execute()))
          .isInstanceOf(UnableToExecuteStatementException.class);
      assertThat(db.probe(Duration.ofSeconds(2))).isNull();
    } finally {
      db.stop();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aSecondStartFindsTheSchemaUpToDateAndKeepsTheRows(DatabaseConfig config) {
    Database first = new Database(config);
    first.start();
    int before = first.jdbi().withHandle(h -> h.createQuery("select count(*) from transfers").mapTo(Integer.class).one());
    first.jdbi().useHandle(h -> h.execute(
        "insert into transfers " + COLUMNS + " values ('tr_keep_" + System.nanoTime() + "', 'requested', 'join-caller', 'r2', 'h-"
            + System.nanoTime() + "', 'a', 'b', null, null, 0, null, 20, 1, 1, 1)"));
    first.stop();

    Database second = new Database(config);
    try {
      assertThat(second.migrate().migrationsExecuted).isZero();
      int after = second.jdbi().withHandle(h -> h.createQuery("select count(*) from transfers").mapTo(Integer.class).one());
      assertThat(after).isEqualTo(before + 1);
    } finally {
      second.stop();
    }
  }

  @Test
  void aDatabaseThatIsNotThereIsReportedNotThrown() {
    DatabaseConfig config = new DatabaseConfig();
    config.setUrl("jdbc:postgresql://127.0.0.1:1/nothing");
    config.setConnectTimeout(io.dropwizard.util.Duration.milliseconds(500));
    Database db = new Database(config);
    try {
      assertThat(db.probe(Duration.ofSeconds(1))).startsWith("database unreachable");
    } finally {
      db.stop();
    }
  }
}
