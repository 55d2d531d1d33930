package dev.warmtransfer.bot.rtc;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One layer's event loop: a single thread that runs what is posted to it, in order. Callbacks
 * from below (okhttp, WebRTC, the layer underneath) only {@link #post}; a caller from outside
 * may {@link #call} and wait, but a call made on the loop's own thread runs at once instead of
 * waiting on itself.
 */
public final class EventLoop {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
  // A step slower than this holds up every event behind it: say so (the Rust SDK's loops do too).
  private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final String name;
  private final ExecutorService exec;
  private final Consumer<RuntimeException> onFailure;
  private volatile Thread thread;

  /** {@code onFailure} runs on the loop when a posted step throws. */
  public EventLoop(String name, Consumer<RuntimeException> onFailure) {
    this.name = Objects.requireNonNull(name, "name");
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    this.exec = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      thread = t;
      return t;
    });
  }

  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  public boolean isShutdown() {
    return exec.isShutdown();
  }

  /** Runs {@code step} on the loop later; dropped once the loop is shut down. */
  public void post(Runnable step) {
    Objects.requireNonNull(step, "step");
    try {
      exec.execute(() -> {
        long start = System.nanoTime();
        try {
          step.run();
        } catch (RuntimeException e) {
          LOG.warn("event=loop_step_failed loop={} error=\"{}\"", name, e.toString());
          try {
            onFailure.accept(e);
          } catch (RuntimeException again) {
            LOG.warn("event=loop_failure_handler_failed loop={} error=\"{}\"", name, again.toString());
          }
        }
        long took = System.nanoTime() - start;
        if (took > SLOW_NANOS) {
          LOG.warn("event=loop_step_slow loop={} ms={}", name, took / 1_000_000);
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("event=loop_step_dropped loop={}", name);
    }
  }

  /**
   * Runs {@code step} on the loop and returns its result: at once when already on the loop's
   * thread, else waiting at most {@code timeout}. Throws {@link RtcException} when the loop is
   * shut down, the wait times out or is interrupted (the interrupt flag is kept), or rethrows
   * what the step threw.
   */
  public <T> T call(Callable<T> step, Duration timeout) {
    if (inLoop()) {
      return run(step);
    }
    Future<T> f;
    try {
      f = exec.submit(() -> run(step));
    } catch (RejectedExecutionException e) {
      throw new RtcException(name + " closed", false, e);
    }
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(false);
      throw new RtcException("interrupted while waiting for " + name, false, e);
    } catch (TimeoutException e) {
      f.cancel(false);
      throw new RtcException(name + " did not answer within " + timeout, true, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new RtcException(name + " step failed: " + cause, true, cause);
    }
  }

  private static <T> T run(Callable<T> step) {
    try {
      return step.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new RtcException("step failed: " + e, true, e);
    }
  }

  /** Finishes what is queued, then the thread ends; later posts are dropped, calls refused. */
  public void shutdown() {
    exec.shutdown();
  }
}
