package dev.warmtransfer.service.support;

import dev.warmtransfer.bot.worker.WorkerMain;
import dev.warmtransfer.testkit.LiveKitServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real bot worker JVM (WorkerMain with the product's jobs, local speech engines) registered with
 * the LiveKit under test and reporting to the service under test with the bots' token.
 */
public final class BotWorkerProcess implements AutoCloseable {
  public final Process process;
  public final Path log;

  private BotWorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the worker and waits (up to 60 s, the machine may be busy) until LiveKit has registered it. */
  public static BotWorkerProcess start(LiveKitServer livekit, String serviceUrl, String botToken, Path log) throws Exception {
    Files.createDirectories(log.getParent());
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
        "-D" + WorkerMain.FACTORY_PROPERTY + "=" + ProductionJobs.class.getName(), "-cp", cp, WorkerMain.class.getName())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("LIVEKIT_URL", livekit.wsUrl());
    env.put("LIVEKIT_API_KEY", livekit.apiKey());
    env.put("LIVEKIT_API_SECRET", livekit.apiSecret());
    env.put("WT_SERVICE_URL", serviceUrl);
    env.put("WT_BOT_TOKEN", botToken);
    env.remove("OPENAI_API_KEY"); // local engines: the tests must not depend on (or pay) a provider
    Process p = pb.start();
    BotWorkerProcess worker = new BotWorkerProcess(p, log);
    long end = System.currentTimeMillis() + 60_000;
    while (!Files.readString(log).contains("event=worker_registered")) {
      if (!p.isAlive() || System.currentTimeMillis() > end) {
        worker.close();
        throw new IllegalStateException("the bot worker did not register; its log:\n" + Files.readString(log));
      }
      Thread.sleep(200);
    }
    return worker;
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
