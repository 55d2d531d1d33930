package dev.warmtransfer.speech.process;

import dev.warmtransfer.speech.SpeechException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child program (espeak-ng, pocketsphinx) with a deadline that holds even while its output is
 * being read: a watchdog kills the child when time is up, which ends the caller's blocked read,
 * and {@link #finish()} then reports the timeout. Reading stays on the caller's thread, so the
 * output reaches the caller's sink in order, as it comes.
 */
public final class ChildProcess implements AutoCloseable {
  // One timer for every child in the process: it only ever kills.
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "child-process-watchdog");
    t.setDaemon(true);
    return t;
  });

  private final String name;
  private final Process process;
  private final Duration timeout;
  private final long deadline;
  private final ScheduledFuture<?> kill;
  private volatile boolean timedOut;

  private ChildProcess(String name, Process process, Duration timeout) {
    this.name = name;
    this.process = process;
    this.timeout = timeout;
    this.deadline = System.nanoTime() + timeout.toNanos();
    this.kill = WATCHDOG.schedule(() -> {
      if (process.isAlive()) {
        timedOut = true;
        kill(process);
      }
    }, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Starts {@code command} (its standard error discarded); {@code name} is what errors call it. */
  public static ChildProcess start(String name, List<String> command, Duration timeout) throws IOException {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout <= 0: " + timeout);
    }
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    return new ChildProcess(name, p, timeout);
  }

  public OutputStream stdin() {
    return process.getOutputStream();
  }

  public InputStream stdout() {
    return process.getInputStream();
  }

  /** True once the watchdog has killed the child; what was read from it then is incomplete. */
  public boolean timedOut() {
    return timedOut;
  }

  /**
   * Waits for the child to exit within what is left of its time and returns its exit code.
   * Throws {@link SpeechException} when it ran out of time (also if that is why a read ended).
   */
  public int finish() throws InterruptedException {
    long left = deadline - System.nanoTime();
    if (timedOut || !process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS) || timedOut) {
      kill(process);
      throw timeoutError();
    }
    return process.exitValue();
  }

  /** The error for a child that ran out of time. */
  public SpeechException timeoutError() {
    return new SpeechException(name + " did not finish within " + timeout, false);
  }

  /** Kills the child if it still runs (an error on the way, an interrupt) and stops its watchdog. */
  @Override
  public void close() {
    kill.cancel(false);
    if (process.isAlive()) {
      kill(process);
    }
  }

  /** The child and anything it started: a grandchild holding our pipe open would block the read. */
  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }
}
