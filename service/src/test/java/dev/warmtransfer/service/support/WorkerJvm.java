package dev.warmtransfer.service.support;

import dev.warmtransfer.bot.worker.WorkerMain;
import dev.warmtransfer.testkit.JavaProcess;
import dev.warmtransfer.testkit.LiveKitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the tests and benches start a real bot worker JVM (WorkerMain with the product's jobs, local
 * speech engines) against the LiveKit under test, reporting to a service with the bots' token:
 * one command, so a test's worker is the worker {@code ./warm-transfer up} runs.
 */
public final class WorkerJvm {
  private WorkerJvm() {}

  /** The worker's command with {@code env} added (WT_WORKER_MAX_JOBS ...); output to the caller's choice. */
  public static ProcessBuilder command(LiveKitServer livekit, String serviceUrl, String botToken, String heap,
      Map<String, String> env) {
    ProcessBuilder pb = JavaProcess.of(List.of("-Xmx" + heap, "-XX:+UseSerialGC"), WorkerMain.class.getName(), List.of());
    Map<String, String> e = pb.environment();
    // Local engines: the tests must not depend on (or pay) a provider.
    e.keySet().removeIf(k -> k.startsWith("OPENAI_"));
    e.putAll(livekit.clientEnv());
    e.put("WT_SERVICE_URL", serviceUrl);
    e.put("WT_BOT_TOKEN", botToken);
    e.putAll(env);
    return pb;
  }

  /**
   * Waits until the log says LiveKit registered a worker {@code times} times in all.
   *
   * @throws IllegalStateException when the worker died or the time ran out, with its log
   */
  public static void awaitRegistered(Process p, Path log, int times, long timeoutMs) throws Exception {
    long end = System.currentTimeMillis() + timeoutMs;
    while (count(Files.readString(log), "event=worker_registered") < times) {
      if (!p.isAlive() || System.currentTimeMillis() > end) {
        throw new IllegalStateException("the bot worker did not register; its log:\n" + Files.readString(log));
      }
      Thread.sleep(200);
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
