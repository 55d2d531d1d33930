package dev.warmtransfer.service.support;

import dev.warmtransfer.bot.worker.WorkerMain;
import dev.warmtransfer.testkit.LiveKitServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real bot worker JVM (WorkerMain with the product's jobs, local speech engines) registered with
 * the LiveKit under test and reporting to the service under test with the bots' token. Like
 * {@code ./warm-transfer up}, it starts a fresh worker when one exits: a worker recycles itself
 * after its budget (calls or memory growth), and long runs (the browser benchmark) outlast one.
 */
public final class BotWorkerProcess implements AutoCloseable {
  private final ProcessBuilder builder;
  private final Path log;
  private volatile Process process;
  private volatile boolean closed;
  private int starts;

  private BotWorkerProcess(ProcessBuilder builder, Path log) {
    this.builder = builder;
    this.log = log;
  }

  /** Starts the worker and waits (up to 60 s, the machine may be busy) until LiveKit has registered it. */
  public static BotWorkerProcess start(LiveKitServer livekit, String serviceUrl, String botToken, Path log) throws Exception {
    Files.createDirectories(log.getParent());
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
        "-D" + WorkerMain.FACTORY_PROPERTY + "=" + ProductionJobs.class.getName(), "-cp", cp, WorkerMain.class.getName())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = pb.environment();
    env.put("LIVEKIT_URL", livekit.wsUrl());
    env.put("LIVEKIT_API_KEY", livekit.apiKey());
    env.put("LIVEKIT_API_SECRET", livekit.apiSecret());
    env.put("WT_SERVICE_URL", serviceUrl);
    env.put("WT_BOT_TOKEN", botToken);
    env.remove("OPENAI_API_KEY"); // local engines: the tests must not depend on (or pay) a provider
    Files.write(log, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    BotWorkerProcess worker = new BotWorkerProcess(pb, log);
    try {
      worker.launch();
      worker.awaitRegistered(1);
    } catch (Exception | Error e) {
      worker.close();
      throw e;
    }
    return worker;
  }

  private synchronized void launch() throws IOException {
    if (closed) {
      return;
    }
    starts++;
    Process p = builder.start();
    process = p;
    p.onExit().thenRun(() -> {
      if (!closed) {
        try {
          launch(); // recycled (or crashed): a fresh worker takes the next calls
        } catch (IOException e) {
          throw new IllegalStateException("could not restart the bot worker", e);
        }
      }
    });
  }

  private void awaitRegistered(int times) throws Exception {
    long end = System.currentTimeMillis() + 60_000;
    while (count(Files.readString(log), "event=worker_registered") < times) {
      if (!process.isAlive() || System.currentTimeMillis() > end) {
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

  /** How many worker processes were started (more than one: a worker was recycled). */
  public synchronized int starts() {
    return starts;
  }

  @Override
  public void close() throws IOException {
    Process p;
    synchronized (this) {
      closed = true;
      p = process;
    }
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
