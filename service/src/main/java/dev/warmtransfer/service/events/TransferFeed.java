package dev.warmtransfer.service.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transfer changes for whoever watches in this process (the SSE streams). Subscribers are told on
 * the publisher's thread and must only enqueue.
 */
public final class TransferFeed {
  private static final Logger LOG = LoggerFactory.getLogger(TransferFeed.class);

  /** A change as consoles see it: the transfer's JSON view at {@code version}, and who may see it. */
  public record Change(String transferId, String agentA, String agentB, long version, Object view) {
    public Change {
      Objects.requireNonNull(transferId, "transferId");
      Objects.requireNonNull(view, "view");
    }
  }

  /** Transfers remembered for {@link #isNew}: far more than are open at once. */
  private static final int REMEMBERED = 10_000;

  public interface Subscriber {
    default void onChange(Change change) {}

    /** The feed is closing (the service stops): end the stream now. */
    default void onClose() {}
  }

  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  // The newest version told per transfer: a change reaches consoles once, and never goes back.
  private final Map<String, Long> told = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > REMEMBERED;
    }
  };
  private volatile boolean closed;

  public Runnable subscribe(Subscriber s) {
    subscribers.add(Objects.requireNonNull(s, "subscriber"));
    if (closed) {
      subscribers.remove(s);
      s.onClose();
    }
    return () -> subscribers.remove(s);
  }

  /**
   * Ends every subscriber's stream. Called as the server starts stopping: Jetty's graceful stop
   * waits for requests in progress, and an event stream never ends by itself.
   */
  public void close() {
    closed = true;
    for (Subscriber s : subscribers) {
      subscribers.remove(s);
      try {
        s.onClose();
      } catch (RuntimeException e) {
        LOG.warn("event=feed_subscriber_close_failed error={}", e.getClass().getSimpleName());
      }
    }
  }

  /** Whether consoles have not been told of this version of the transfer, nor a newer one. */
  public boolean isNew(String transferId, long version) {
    synchronized (told) {
      Long last = told.get(transferId);
      return last == null || last < version;
    }
  }

  /** Tells every subscriber, unless they were told of this version (or a newer one) already. */
  public void publish(Change change) {
    synchronized (told) {
      if (!isNew(change.transferId(), change.version())) {
        return;
      }
      told.put(change.transferId(), change.version());
    }
    for (Subscriber s : subscribers) {
      try {
        s.onChange(change);
      } catch (RuntimeException e) {
        LOG.warn("event=feed_subscriber_failed transfer={} error={}", change.transferId(), e.getClass().getSimpleName());
      }
    }
  }

  public int subscribers() {
    return subscribers.size();
  }
}
