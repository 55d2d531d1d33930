package dev.warmtransfer.service.transfer;

import dev.warmtransfer.service.db.SqlErrors;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin layer around {@link TransferMachine}: reads a transfer, applies an event, stores the
 * next transfer and its actions in one transaction, then wakes the {@link ActionRunner}. A change
 * that lost a race with another is computed again from the fresh copy.
 */
public final class TransferService {
  private static final Logger LOG = LoggerFactory.getLogger(TransferService.class);
  private static final int MAX_RACES = 8;
  private final TransferStore store;
  private final TransferMachine machine;
  private final Clock clock;
  private volatile Runnable wake = () -> {};

  public TransferService(TransferStore store, TransferMachine machine, Clock clock) {
    this.store = store;
    this.machine = machine;
    this.clock = clock;
  }

  /** Called after every stored change, so its actions run at once. */
  public void onStored(Runnable wake) {
    this.wake = wake;
  }

  public TransferStore store() {
    return store;
  }

  public TransferMachine machine() {
    return machine;
  }

  public Instant now() {
    return clock.instant();
  }

  public Transfer start(TransferRequestSpec spec) {
    return start(spec, h -> {});
  }

  /** Starts a transfer; {@code alongside} stores more rows (its briefing) in the same transaction. */
  public Transfer start(TransferRequestSpec spec, java.util.function.Consumer<org.jdbi.v3.core.Handle> alongside) {
    Instant now = clock.instant();
    Transition start = machine.start(spec, now);
    Transfer t = store.jdbi().inTransaction(h -> {
      Transfer stored = store.insert(h, start, now);
      alongside.accept(h);
      return stored;
    });
    log(t, start, "requested");
    wake.run();
    return t;
  }

  /** Applies an event to one transfer; empty when there is no such transfer. */
  public Optional<Transfer> apply(String id, TransferEvent event) {
    for (int race = 0; race < MAX_RACES; race++) {
      try {
        Optional<Transfer> after = store.jdbi().inTransaction(h -> {
          Optional<Transfer> before = store.find(h, id);
          if (before.isEmpty()) {
            return Optional.<Transfer>empty();
          }
          return Optional.of(store(h, before.get(), event));
        });
        wake.run();
        return after;
      } catch (ConcurrentChangeException lost) {
        // Another change landed first: read it and apply this event to it.
      }
    }
    throw new ConcurrentChangeException(id);
  }

  /**
   * Applies a LiveKit webhook's event to every open transfer of its room, once per webhook id:
   * the id is stored in the same transaction, so a replay or a redelivery changes nothing.
   *
   * @return false when this webhook was applied before
   */
  public boolean applyWebhook(String webhookId, String type, String room, TransferEvent event) {
    for (int race = 0; race < MAX_RACES; race++) {
      try {
        store.jdbi().useTransaction(h -> {
          try {
            h.createUpdate("insert into webhook_events (id, event, room, received_at) values (:id, :e, :r, :now)")
                .bind("id", webhookId).bind("e", type).bind("r", room).bind("now", clock.millis()).execute();
          } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isDuplicate(e)) {
              throw new AlreadyApplied();
            }
            throw e;
          }
          if (event != null && room != null) {
            for (Transfer t : store.openInRoom(h, room)) {
              store(h, t, event);
            }
          }
        });
        wake.run();
        return true;
      } catch (AlreadyApplied dup) {
        LOG.info("event=webhook_replay_ignored id={} type={} room={}", webhookId, type, room);
        return false;
      } catch (ConcurrentChangeException lost) {
        // Retry the whole webhook: the id insert was rolled back with the rest.
      }
    }
    throw new ConcurrentChangeException(room);
  }

  /** A stable id for a webhook that carries none: the hash of its body. */
  public static String bodyId(byte[] body) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Applies the event to each open transfer; used after a restart and by the timers. */
  public void applyToOpen(List<Transfer> open, java.util.function.Function<Transfer, TransferEvent> eventFor) {
    for (Transfer t : open) {
      try {
        apply(t.id(), eventFor.apply(t));
      } catch (RuntimeException e) {
        LOG.warn("event=transfer_apply_failed transfer={} error=\"{}\"", t.id(), e.getMessage());
      }
    }
  }

  private Transfer store(org.jdbi.v3.core.Handle h, Transfer before, TransferEvent event) {
    Transition tr = machine.apply(before, event);
    if (!tr.changed() && tr.actions().isEmpty()) {
      LOG.debug("event=transfer_event_ignored transfer={} phase={} why=\"{}\"", before.id(), before.phase().wireName(), tr.ignored());
      return before;
    }
    Transfer after = store.update(h, before, tr, clock.instant());
    log(after, tr, event.getClass().getSimpleName());
    return after;
  }

  private static void log(Transfer t, Transition tr, String cause) {
    LOG.info("event=transfer_changed transfer={} phase={} cause={} from_room={} handoff_room={} actions={} reason=\"{}\"",
        t.id(), t.phase().wireName(), cause, t.fromRoom(), t.newRoom(),
        tr.actions().stream().map(TransferAction::kind).toList(), t.reason());
  }

  private static final class AlreadyApplied extends RuntimeException {
    AlreadyApplied() {
      super(null, null, false, false);
    }
  }
}
