package dev.warmtransfer.service.transfer;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out stored actions and fires the timers. One loop thread finds what is due (actions,
 * deadlines) in the database; a small pool runs each transfer's actions in their stored order,
 * one transfer at a time per transfer. A failed action is retried with backoff; after the last
 * try the transfer is told ({@link TransferEvent.ActionFailed}). Whatever was pending when the
 * process stopped is simply due when it starts again.
 *
 * <p>Several service instances may share the database: each action is claimed before it runs, so
 * one instance runs it (two would dispatch two briefers into one handoff room). A claim lasts
 * {@link #CLAIM}; what a crashed instance held is taken over after that.
 */
public final class ActionRunner implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);
  static final int MAX_ATTEMPTS = 5;
  private static final Duration TICK = Duration.ofMillis(250);
  /**
   * Longer than an action takes (a hold's four LiveKit calls at 5 s each at worst). A stopping
   * runner lets go of its claims; a crashed one's hold its actions back this long.
   */
  static final Duration CLAIM = Duration.ofSeconds(30);
  private final String runnerId = "runner-" + UUID.randomUUID().toString().substring(0, 8);
  private final TransferService service;
  private final ActionExecutor executor;
  private final Clock clock;
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean tickQueued = new AtomicBoolean();
  private final AtomicInteger failures = new AtomicInteger();
  private ScheduledExecutorService loop;
  private ExecutorService workers;
  private volatile boolean running;
  private final TransferReconciler reconciler;
  private volatile boolean reconciled;

  public ActionRunner(TransferService service, ActionExecutor executor, TransferReconciler reconciler, Clock clock) {
    this.service = service;
    this.executor = executor;
    this.reconciler = reconciler;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    AtomicInteger n = new AtomicInteger();
    loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "transfer-loop"));
    workers = Executors.newFixedThreadPool(4, r -> daemon(r, "transfer-action-" + n.incrementAndGet()));
    running = true;
    LOG.info("event=action_runner_started runner={} pid={}", runnerId, ProcessHandle.current().pid());
    service.onStored(this::wake);
    loop.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() throws InterruptedException {
    running = false;
    service.onStored(() -> {});
    if (loop != null) {
      loop.shutdownNow();
      workers.shutdown();
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
      try {
        service.store().releaseClaims(runnerId);
      } catch (RuntimeException e) {
        // The database is gone too: the claims run out by themselves.
        LOG.warn("event=action_claims_not_released runner={} error=\"{}\"", runnerId, e.getMessage());
      }
    }
  }

  /** Look for due work now, not at the next tick. */
  public void wake() {
    ScheduledExecutorService l = loop;
    if (running && l != null && tickQueued.compareAndSet(false, true)) {
      try {
        l.execute(this::tick);
      } catch (java.util.concurrent.RejectedExecutionException stopped) {
        tickQueued.set(false);
      }
    }
  }

  private void tick() {
    tickQueued.set(false);
    if (!running) {
      return;
    }
    try {
      if (!reconciled) {
        // First thing after a start, and again until LiveKit answers.
        reconciled = reconciler == null || reconciler.run();
      }
      Instant now = clock.instant();
      for (String id : service.store().due(now)) {
        service.apply(id, new TransferEvent.DeadlinePassed(now));
      }
      Map<String, List<StoredAction>> byTransfer = new LinkedHashMap<>();
      for (StoredAction a : service.store().dueActions(now, 500, runnerId)) {
        byTransfer.computeIfAbsent(a.transferId(), k -> new ArrayList<>()).add(a);
      }
      byTransfer.forEach((id, actions) -> {
        if (busy.add(id)) {
          workers.execute(() -> runInOrder(id, actions));
        }
      });
    } catch (RuntimeException e) {
      // The database blinked: the next tick tries again.
      LOG.warn("event=transfer_tick_failed error=\"{}\"", e.getMessage());
    }
  }

  private void runInOrder(String id, List<StoredAction> actions) {
    try {
      for (StoredAction a : actions) {
        if (!running || !runOne(a)) {
          break;
        }
      }
    } finally {
      busy.remove(id);
      wake();
    }
  }

  /** @return false when the action will be retried later (the transfer's later actions wait for it) */
  private boolean runOne(StoredAction a) {
    Instant now = clock.instant();
    if (!service.store().claimAction(a.transferId(), a.seq(), runnerId, now, now.plus(CLAIM))) {
      // Another instance runs it (or ran it meanwhile): this transfer's later actions are its too.
      LOG.debug("event=transfer_action_held_elsewhere transfer={} seq={}", a.transferId(), a.seq());
      return false;
    }
    List<TransferEvent> outcome;
    try {
      outcome = executor.execute(a);
    } catch (RuntimeException e) {
      String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int attempt = a.attempts() + 1;
      failures.incrementAndGet();
      if (attempt >= MAX_ATTEMPTS) {
        LOG.warn("event=transfer_action_failed transfer={} action={} attempts={} error=\"{}\"", a.transferId(),
            a.action().kind(), attempt, error);
        service.store().finishAction(a.transferId(), a.seq(), "failed", error);
        service.apply(a.transferId(), new TransferEvent.ActionFailed(clock.instant(), a.action().kind(), error));
        return true;
      }
      Duration backoff = Duration.ofMillis(250L << Math.min(attempt, 5));
      LOG.info("event=transfer_action_retry transfer={} action={} attempt={} in_ms={} error=\"{}\"", a.transferId(),
          a.action().kind(), attempt, backoff.toMillis(), error);
      service.store().retryAction(a.transferId(), a.seq(), clock.instant().plus(backoff), error);
      return false;
    }
    service.store().finishAction(a.transferId(), a.seq(), "done", null);
    for (TransferEvent e : outcome) {
      service.apply(a.transferId(), e);
    }
    return true;
  }

  /** Failed tries so far (retries included), for tests and metrics. */
  public int failures() {
    return failures.get();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
