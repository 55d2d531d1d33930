package dev.warmtransfer.bot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU and memory of one process as Linux counts them ({@code /proc/<pid>/stat}, {@code status},
 * {@code task/<tid>/stat}): the process's own figure, not the machine's nor this JVM's, and its CPU
 * split by thread name, so WebRTC's native threads and our Java threads can be told apart.
 */
final class ProcStats {
  private static final long TICKS_PER_SECOND = ticksPerSecond();

  private ProcStats() {}

  /** user + system CPU of the whole process so far, in ns. */
  static long cpuNanos(long pid) {
    return ticks(Path.of("/proc", Long.toString(pid), "stat")) * 1_000_000_000L / TICKS_PER_SECOND;
  }

  /** Resident memory (VmRSS) in bytes. */
  static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  /** Threads' CPU so far (ns) by name, numbers folded ("room-12" and "room-7" are both "room-#"). */
  static Map<String, Long> cpuByThread(long pid) {
    Map<String, Long> out = new HashMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      tasks.forEach(t -> {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          long ns = ticks(stat) * 1_000_000_000L / TICKS_PER_SECOND;
          out.merge(fold(name), ns, Long::sum);
        } catch (IOException | RuntimeException e) {
          // The thread ended while we read: its CPU is lost to this split, not to the total.
        }
      });
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** Per-name CPU between two {@link #cpuByThread} readings, as % of one core over {@code nanos}. */
  static Map<String, Double> percent(Map<String, Long> before, Map<String, Long> after, long nanos) {
    Map<String, Double> out = new TreeMap<>();
    after.forEach((name, ns) -> {
      double p = 100.0 * (ns - before.getOrDefault(name, 0L)) / nanos;
      if (p >= 0.05) {
        out.put(name, p);
      }
    });
    return out;
  }

  static String fold(String threadName) {
    return threadName.replaceAll("[0-9]+", "#").replaceAll("AJ_[A-Za-z#]+", "AJ_*");
  }

  private static long ticks(Path statFile) {
    try {
      return ticks(Files.readString(statFile));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + statFile + ": " + e.getMessage(), e);
    }
  }

  /** utime + stime: fields 14 and 15, counted after the name, which may hold spaces. */
  private static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static long ticksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return Long.parseLong(out);
    } catch (Exception e) {
      return 100; // Linux's USER_HZ on every common architecture
    }
  }

  /** The top entries of a per-name split, largest first, as "name 12.3%" lines. */
  static String top(Map<String, Double> split, int n) {
    StringBuilder b = new StringBuilder();
    split.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
        .forEach(e -> b.append(String.format("  %-28s %6.1f%%%n", e.getKey(), e.getValue())));
    return b.toString();
  }
}
