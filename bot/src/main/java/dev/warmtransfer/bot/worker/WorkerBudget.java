package dev.warmtransfer.bot.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * When a bot worker process should finish its calls and hand over to a fresh process.
 * webrtc-java 0.14.0 never frees a closed PeerConnection, so every call leaves native memory
 * behind (0.1-0.2 MB measured); reuse across calls is impossible because LiveKit needs new
 * PeerConnections per session. So a worker takes at most {@link #DEFAULT_CALLS} calls or grows at
 * most {@link #DEFAULT_GROWTH_BYTES} above where it started, whichever comes first, then stops
 * taking calls and exits once the current ones end; its supervisor starts a new one.
 */
public final class WorkerBudget {
  public static final int DEFAULT_CALLS = 200;
  public static final long DEFAULT_GROWTH_BYTES = 128L << 20;

  private final int maxCalls;
  private final long maxGrowthBytes;
  private final LongSupplier rssBytes;
  private final long baselineBytes;
  private int calls;

  public WorkerBudget(int maxCalls, long maxGrowthBytes, LongSupplier rssBytes) {
    if (maxCalls <= 0) {
      throw new IllegalArgumentException("maxCalls <= 0: " + maxCalls);
    }
    if (maxGrowthBytes <= 0) {
      throw new IllegalArgumentException("maxGrowthBytes <= 0: " + maxGrowthBytes);
    }
    this.maxCalls = maxCalls;
    this.maxGrowthBytes = maxGrowthBytes;
    this.rssBytes = Objects.requireNonNull(rssBytes, "rssBytes");
    this.baselineBytes = rssBytes.getAsLong();
  }

  /** The defaults, against this process's resident memory; start it once the media stack is loaded. */
  public static WorkerBudget forThisProcess() {
    return new WorkerBudget(DEFAULT_CALLS, DEFAULT_GROWTH_BYTES, WorkerBudget::residentBytes);
  }

  public synchronized void callEnded() {
    calls++;
  }

  public synchronized int calls() {
    return calls;
  }

  /** Null while the worker may take another call; otherwise why it should not. */
  public synchronized String exhausted() {
    if (calls >= maxCalls) {
      return "took " + calls + " calls (limit " + maxCalls + ")";
    }
    long growth = rssBytes.getAsLong() - baselineBytes;
    if (growth >= maxGrowthBytes) {
      return "grew " + (growth >> 20) + " MB (limit " + (maxGrowthBytes >> 20) + " MB)";
    }
    return null;
  }

  /** This process's resident set size, from /proc (Linux). */
  public static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
