package dev.warmtransfer.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warmtransfer.service.db.Database;
import dev.warmtransfer.service.db.DatabaseConfig;
import dev.warmtransfer.service.support.TestDatabases;
import dev.warmtransfer.service.transfer.TransferEvent.HoldPlaced;
import dev.warmtransfer.service.transfer.TransferEvent.Kind;
import dev.warmtransfer.service.transfer.TransferEvent.ParticipantJoined;
import dev.warmtransfer.testkit.PostgresExtension;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The transfer repository on H2 and on a real PostgreSQL server: same answers from both. */
class TransferStoreTest {
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();
  static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");
  final TransferMachine machine = new TransferMachine(TransferTimers.DEFAULTS);

  static Stream<Named<DatabaseConfig>> databases() {
    return TestDatabases.both(POSTGRES);
  }

  private Transition start(String room) {
    String id = "tr_" + UUID.randomUUID().toString().substring(0, 8);
    return machine.start(new TransferRequestSpec(id, Mode.JOIN_CALLER, room, room + "-transfer-" + id, "alice", "bob",
        null, "VIP customer", "alice"), T0);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aTransferItsTimelineAndItsActionsComeBackAsStored(DatabaseConfig config) {
    Database db = new Database(config);
    db.start();
    try {
      TransferStore store = new TransferStore(db.jdbi());
      Transition start = start("room-a");
      Transfer stored = db.jdbi().inTransaction(h -> store.insert(h, start, T0));
      assertThat(stored.version()).isEqualTo(1);
      assertThat(store.find(stored.id())).contains(stored);
      assertThat(store.pendingActions(stored.id())).extracting(StoredAction::action).containsExactlyElementsOf(start.actions());

      Transition hold = machine.apply(stored, new HoldPlaced(T0.plusSeconds(1), "caller-1"));
      Transfer held = db.jdbi().inTransaction(h -> store.update(h, stored, hold, T0.plusSeconds(1)));
      Transition join = machine.apply(held, new ParticipantJoined(T0.plusSeconds(2), held.newRoom(), "bob", Kind.HUMAN));
      Transfer joined = db.jdbi().inTransaction(h -> store.update(h, held, join, T0.plusSeconds(2)));

      Transfer back = store.find(stored.id()).orElseThrow();
      assertThat(back).isEqualTo(joined);
      assertThat(back.version()).isEqualTo(3);
      assertThat(back.callerIdentity()).isEqualTo("caller-1");
      assertThat(back.timeline()).extracting(TimelineEntry::state)
          .containsExactly(Phase.REQUESTED, Phase.CALLER_ON_HOLD, Phase.AGENT_B_JOINED);
      // Actions keep their order across changes: the first change's four, then one notify each.
      assertThat(store.pendingActions(stored.id())).extracting(StoredAction::seq).containsExactly(1, 2, 3, 4, 5, 6);

      // A change computed from a stale copy is refused, not merged.
      assertThatThrownBy(() -> db.jdbi().useTransaction(h -> store.update(h, held, join, T0.plusSeconds(3))))
          .isInstanceOf(ConcurrentChangeException.class);
      assertThat(store.find(stored.id()).orElseThrow().timeline()).hasSize(3);
    } finally {
      db.stop();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void deadlinesAndActionsAreFoundByTime(DatabaseConfig config) {
    Database db = new Database(config);
    db.start();
    try {
      TransferStore store = new TransferStore(db.jdbi());
      Transfer t = db.jdbi().inTransaction(h -> store.insert(h, start("room-b"), T0));
      assertThat(store.due(T0.plusSeconds(59))).doesNotContain(t.id());
      assertThat(store.due(T0.plusSeconds(60))).contains(t.id());
      assertThat(store.open()).extracting(Transfer::id).contains(t.id());
      assertThat(store.list("room-b", Phase.REQUESTED, 10)).extracting(Transfer::id).containsExactly(t.id());
      assertThat(store.list(t.newRoom(), null, 10)).extracting(Transfer::id).containsExactly(t.id());
      assertThat(store.list("room-b", Phase.ACCEPTED, 10)).isEmpty();

      StoredAction first = store.dueActions(T0, 100, "runner-a").stream().filter(a -> a.transferId().equals(t.id())).findFirst().orElseThrow();
      store.retryAction(t.id(), first.seq(), T0.plusSeconds(5), "LiveKit unreachable");
      assertThat(store.dueActions(T0.plusSeconds(1), 100, "runner-a")).noneMatch(a -> a.transferId().equals(t.id()) && a.seq() == first.seq());
      StoredAction again = store.dueActions(T0.plusSeconds(5), 100, "runner-a").stream()
          .filter(a -> a.transferId().equals(t.id()) && a.seq() == first.seq()).findFirst().orElseThrow();
      assertThat(again.attempts()).isEqualTo(1);
      store.finishAction(t.id(), first.seq(), "done", null);
      assertThat(store.pendingActions(t.id())).extracting(StoredAction::seq).containsExactly(2, 3, 4);

      // A dropped caller's grace is a timer of its own, kept beside the phase's deadline.
      Transfer away = t.withCallerAwayUntil(T0.plusSeconds(30));
      Transfer stored = db.jdbi().inTransaction(h -> store.update(h, t, Transition.to(away, java.util.List.of()), T0.plusSeconds(1)));
      assertThat(store.find(t.id()).orElseThrow().callerAwayUntil()).isEqualTo(T0.plusSeconds(30));
      assertThat(store.find(t.id()).orElseThrow().deadlineAt()).isEqualTo(T0.plusSeconds(60));
      assertThat(store.due(T0.plusSeconds(29))).doesNotContain(t.id());
      assertThat(store.due(T0.plusSeconds(30))).contains(t.id());
      db.jdbi().useTransaction(h -> store.update(h, stored, Transition.to(stored.withCallerAwayUntil(null), java.util.List.of()), T0));
      assertThat(store.find(t.id()).orElseThrow().callerAwayUntil()).isNull();
    } finally {
      db.stop();
    }
  }

  /** Two service instances on one database: each action runs in one of them, in order, once. */
  @ParameterizedTest
  @MethodSource("databases")
  void anActionClaimedByOneInstanceIsNotRunByAnotherUntilTheClaimRunsOut(DatabaseConfig config) {
    Database db = new Database(config);
    db.start();
    try {
      TransferStore store = new TransferStore(db.jdbi());
      Transfer t = db.jdbi().inTransaction(h -> store.insert(h, start("room-c"), T0));
      Instant until = T0.plusSeconds(60);
      assertThat(store.claimAction(t.id(), 1, "runner-a", T0, until)).isTrue();
      assertThat(store.claimAction(t.id(), 1, "runner-b", T0.plusSeconds(1), until)).as("held by a").isFalse();
      assertThat(store.claimAction(t.id(), 1, "runner-a", T0.plusSeconds(1), until)).as("a again").isTrue();
      // While a holds the first action, b sees none of this transfer's actions: their order is kept.
      assertThat(store.dueActions(T0.plusSeconds(1), 100, "runner-b")).noneMatch(a -> a.transferId().equals(t.id()));
      assertThat(store.dueActions(T0.plusSeconds(1), 100, "runner-a")).filteredOn(a -> a.transferId().equals(t.id()))
          .extracting(StoredAction::seq).containsExactly(1, 2, 3, 4);

      // Done: b may take the next one, and a may not take it back.
      store.finishAction(t.id(), 1, "done", null);
      assertThat(store.claimAction(t.id(), 1, "runner-b", T0.plusSeconds(2), until)).as("no longer pending").isFalse();
      assertThat(store.claimAction(t.id(), 2, "runner-b", T0.plusSeconds(2), until)).isTrue();
      assertThat(store.dueActions(T0.plusSeconds(2), 100, "runner-a")).noneMatch(a -> a.transferId().equals(t.id()));

      // b crashed holding it: once its claim runs out, a takes over.
      assertThat(store.claimAction(t.id(), 2, "runner-a", until.minusMillis(1), until.plusSeconds(60))).isFalse();
      assertThat(store.dueActions(until, 100, "runner-a")).filteredOn(a -> a.transferId().equals(t.id()))
          .extracting(StoredAction::seq).startsWith(2);
      assertThat(store.claimAction(t.id(), 2, "runner-a", until, until.plusSeconds(60))).isTrue();

      // A retry lets go of the claim: whoever is free tries again.
      store.retryAction(t.id(), 2, until.plusSeconds(1), "LiveKit unreachable");
      assertThat(store.claimAction(t.id(), 2, "runner-b", until.plusSeconds(1), until.plusSeconds(61))).isTrue();

      // b stops: what it held is free at once, not when its claim would run out.
      assertThat(store.releaseClaims("runner-b")).isEqualTo(1);
      assertThat(store.claimAction(t.id(), 2, "runner-c", until.plusSeconds(2), until.plusSeconds(62))).isTrue();
    } finally {
      db.stop();
    }
  }
}
