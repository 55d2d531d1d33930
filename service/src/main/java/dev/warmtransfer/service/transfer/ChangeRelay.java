package dev.warmtransfer.service.transfer;

import dev.warmtransfer.service.events.TransferFeed;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells this instance's consoles of changes made by any instance sharing the database. The notify
 * action tells the consoles of the instance that ran it at once; with several instances, the
 * others' consoles would never hear of it. This reads what changed from the database instead.
 */
public final class ChangeRelay implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeRelay.class);
  static final Duration POLL = Duration.ofMillis(500);
  /** A change commits a little after its time is taken: each read reaches back this far. */
  static final Duration OVERLAP = Duration.ofSeconds(5);
  private static final int PAGE = 500;
  private final TransferStore store;
  private final CallRecords calls;
  private final TransferFeed feed;
  private final Clock clock;
  private ScheduledExecutorService loop;
  private Instant cursor;

  public ChangeRelay(TransferStore store, CallRecords calls, TransferFeed feed, Clock clock) {
    this.store = store;
    this.calls = calls;
    this.feed = feed;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    cursor = clock.instant();
    loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "transfer-relay");
      t.setDaemon(true);
      return t;
    });
    loop.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (loop != null) {
      loop.shutdownNow();
    }
  }

  /** On the relay's thread: publishes each transfer changed since the last read, if it is news here. */
  void poll() {
    Instant now = clock.instant();
    if (feed.subscribers() == 0) {
      cursor = now; // nobody to tell
      return;
    }
    try {
      // Each read reaches back OVERLAP: a change is seen about ten times, and loaded once.
      List<TransferStore.Written> changed = store.writtenSince(cursor.minus(OVERLAP), PAGE);
      for (TransferStore.Written w : changed) {
        if (feed.isNew(w.id(), w.version())) {
          store.find(w.id()).ifPresent(t -> feed.publish(TransferView.change(t, calls)));
        }
      }
      if (changed.size() == PAGE) {
        // Over 500 changes in 5.5 s: far beyond one center's pace. Say so rather than fall behind.
        LOG.warn("event=transfer_relay_page_full page={} from={}", PAGE, cursor.minus(OVERLAP));
      }
      cursor = now;
    } catch (RuntimeException e) {
      // The database blinked: the next read covers the same time again.
      LOG.warn("event=transfer_relay_failed error=\"{}\"", e.getMessage());
    }
  }
}
