package dev.warmtransfer.service.limits;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPU-heavy work (summaries) on a few threads of its own with a short queue, so a burst of large
 * transcripts cannot take the request threads or the cores from everything else. A full pool is a
 * 503 at once; work past its deadline is a 503 too (its thread is interrupted and the caller freed).
 */
public final class HeavyWork implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(HeavyWork.class);
  private final ThreadPoolExecutor pool;
  private final Duration deadline;

  public HeavyWork(int threads, int queue, Duration deadline) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads < 1: " + threads);
    }
    if (queue < 0) {
      throw new IllegalArgumentException("queue < 0: " + queue);
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline <= 0: " + deadline);
    }
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
            queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
            r -> {
              Thread t = new Thread(r, "heavy-work-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    this.deadline = deadline;
  }

  /** Runs {@code work} on the pool and waits for it, at most the deadline. */
  public <T> T run(String what, Callable<T> work) {
    Future<T> future;
    try {
      future = pool.submit(work);
    } catch (RejectedExecutionException e) {
      LOG.warn("event=heavy_work_rejected work={} active={} queued={}", what, pool.getActiveCount(), pool.getQueue().size());
      throw new BusyException(503, "the service is busy with other " + what + "s; retry shortly", 2);
    }
    try {
      return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      LOG.warn("event=heavy_work_timed_out work={} deadline_ms={}", what, deadline.toMillis());
      throw new BusyException(503, what + " took longer than " + deadline.toSeconds() + " s", 5);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new BusyException(503, what + " was interrupted", 1);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Work running plus waiting. */
  public int load() {
    return pool.getActiveCount() + pool.getQueue().size();
  }

  @Override
  public void stop() {
    pool.shutdownNow();
  }
}
