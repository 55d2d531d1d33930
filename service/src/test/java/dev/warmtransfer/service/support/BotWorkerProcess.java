package dev.warmtransfer.service.support;

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
    ProcessBuilder pb = WorkerJvm.command(livekit, serviceUrl, botToken, "256m", Map.of())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
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
    WorkerJvm.awaitRegistered(process, log, times, 60_000);
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
