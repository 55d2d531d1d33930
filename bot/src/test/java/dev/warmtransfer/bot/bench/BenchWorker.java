package dev.warmtransfer.bot.bench;

import dev.warmtransfer.bot.worker.WorkerMain;
import dev.warmtransfer.testkit.JavaProcess;
import dev.warmtransfer.testkit.LiveKitServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real bot worker ({@code WorkerMain} with the production jobs, StandardJobs) in its own JVM,
 * started as {@code ./warm-transfer up} starts it, so its CPU and memory are measured alone.
 * Speech goes to the bench's OpenAI-compatible stand-in; reports to the bench's recorder.
 */
final class BenchWorker implements AutoCloseable {
  /**
   * The worker's JVM options (WORKER_JAVA_OPTS overrides them): the launcher's, with twice its
   * heap. The launcher's worker takes 25 jobs (WT_WORKER_MAX_JOBS) in 256 MB; this one takes a
   * hundred (50 calls), and at 256 MB it spent its time collecting garbage and transcribed nothing.
   */
  static final String DEFAULT_JAVA_OPTS = "-XX:+UseSerialGC -Xms512m -Xmx512m -XX:+AlwaysPreTouch";

  final Process process;
  final Path log;

  private BenchWorker(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static BenchWorker start(LiveKitServer lk, String agentName, int maxJobs, String openAiBaseUrl, String reportsUrl,
      String botToken) throws IOException, InterruptedException {
    return start(lk, agentName, maxJobs, openAiBaseUrl, reportsUrl, botToken,
        System.getenv().getOrDefault("WORKER_JAVA_OPTS", DEFAULT_JAVA_OPTS));
  }

  /** The same with these JVM options (the launcher's, for a worker measured as users run it). */
  static BenchWorker start(LiveKitServer lk, String agentName, int maxJobs, String openAiBaseUrl, String reportsUrl,
      String botToken, String opts) throws IOException, InterruptedException {
    Path dir = Files.createDirectories(Path.of("target", "bench-logs"));
    Path log = dir.resolve("worker-" + agentName + ".log");
    ProcessBuilder pb = JavaProcess.of(List.of(opts.trim().split("\\s+")), WorkerMain.class.getName(), List.of())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.putAll(lk.clientEnv());
    env.put("WT_AGENT_NAME", agentName);
    env.put("WT_WORKER_MAX_JOBS", Integer.toString(maxJobs));
    // One bench size is one worker: its budget must not recycle it mid-measurement.
    env.put("WT_WORKER_MAX_CALLS", "100000");
    env.put("WT_WORKER_MAX_GROWTH_MB", "100000");
    env.put("WT_SERVICE_URL", reportsUrl);
    env.put("WT_BOT_TOKEN", botToken);
    env.put("OPENAI_API_KEY", "bench-key");
    env.put("OPENAI_BASE_URL", openAiBaseUrl);
    env.put("OPENAI_RETRIES", "0");
    env.put("OPENAI_TIMEOUT", "5s");
    env.remove("WT_HOLD_AUDIO");
    BenchWorker w = new BenchWorker(pb.start(), log);
    long end = System.currentTimeMillis() + 90_000;
    while (!w.log().contains("event=worker_registered")) {
      if (!w.process.isAlive()) {
        throw new IllegalStateException("worker exited with " + w.process.exitValue() + ":\n" + w.log());
      }
      if (System.currentTimeMillis() > end) {
        throw new IllegalStateException("worker did not register within 90 s:\n" + w.log());
      }
      Thread.sleep(100);
    }
    return w;
  }

  /** Throws, naming the worker's last error (an OutOfMemoryError, say), once it has exited. */
  void checkAlive() {
    if (process.isAlive()) {
      return;
    }
    String cause = log().lines().filter(l -> l.contains("Error") || l.contains("Exception")).reduce((a, b) -> b)
        .orElse("no error logged");
    throw new IllegalStateException("worker exited with " + process.exitValue() + "; last error: " + cause);
  }

  /** Whether it ran out of heap at any point (it may limp on after an OutOfMemoryError in one thread). */
  boolean ranOutOfHeap() {
    return log().contains("OutOfMemoryError");
  }

  long pid() {
    return process.pid();
  }

  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** SIGTERM (drain), then SIGKILL if it has not gone within 20 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
