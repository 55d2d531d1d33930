package dev.warmtransfer.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.service.db.Database;
import dev.warmtransfer.service.db.DatabaseConfig;
import dev.warmtransfer.service.support.TestDatabases;
import dev.warmtransfer.testkit.PostgresExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LiveKit's webhooks for one call may reach several service instances at once (behind one load
 * balancer): exactly one of them dispatches the call assistant. Both the first claim of a call and
 * the claim after a failed dispatch was released used to let two instances through (or fail one
 * with a duplicate key).
 */
class CallRecordsClaimTest {
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();
  static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

  static Stream<Named<DatabaseConfig>> databases() {
    return TestDatabases.both(POSTGRES);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void oneOfManySimultaneousClaimsOfACallWins(DatabaseConfig config) throws Exception {
    Database db = new Database(config);
    db.start();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CallRecords calls = new CallRecords(db.jdbi());
      for (int round = 0; round < 20; round++) {
        String room = "claimed-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(winners(pool, calls, room)).as("first claims of %s", room).isEqualTo(1);
        calls.releaseAssistant(room); // its dispatch failed: the next join tries again
        assertThat(winners(pool, calls, room)).as("claims of %s after a release", room).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
      db.stop();
    }
  }

  private static int winners(ExecutorService pool, CallRecords calls, String room) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> claims = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      claims.add(pool.submit(() -> {
        go.await();
        return calls.claimAssistant(room, "caller-1", "alice", T0);
      }));
    }
    go.countDown();
    int won = 0;
    for (Future<Boolean> f : claims) {
      won += f.get() ? 1 : 0; // a claim that throws fails the test too
    }
    return won;
  }
}
