package dev.warmtransfer.bot.worker;

import dev.warmtransfer.testkit.JavaProcess;
import dev.warmtransfer.testkit.LiveKitServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real worker JVM ({@code WorkerMain}) on the test classpath with the {@link RoomJobs} fixture. */
final class WorkerProcess implements AutoCloseable {
  private static final Pattern REGISTERED = Pattern.compile("event=worker_registered worker_id=(\\S+)");

  final String name;
  final Process process;
  final Path log;

  private WorkerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static WorkerProcess start(String name, LiveKitServer livekit, String agentName, Map<String, String> extraEnv) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "worker-logs"));
      Path log = dir.resolve(name + "-" + System.nanoTime() + ".log");
      ProcessBuilder pb = JavaProcess.of(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
              "-D" + WorkerMain.FACTORY_PROPERTY + "=" + RoomJobs.class.getName()), WorkerMain.class.getName(), List.of())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.putAll(livekit.clientEnv());
      env.put("WT_AGENT_NAME", agentName);
      env.put("WT_WORKER_MAX_JOBS", "20");
      env.remove("WT_BOT_TOKEN");
      env.putAll(extraEnv);
      return new WorkerProcess(name, pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The LiveKit worker id once registered (the {@code wt.worker} attribute of its jobs). */
  String awaitRegistered(Duration timeout) throws InterruptedException {
    String line = awaitLog(REGISTERED, timeout);
    Matcher m = REGISTERED.matcher(line);
    m.find();
    return m.group(1);
  }

  String awaitLog(Pattern pattern, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      Matcher m = pattern.matcher(log());
      if (m.find()) {
        return m.group();
      }
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + " before /" + pattern + "/:\n" + log());
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " did not log /" + pattern + "/ within " + timeout + ":\n" + log());
  }

  /** SIGTERM: the worker drains. */
  void terminate() {
    process.destroy();
  }

  /** SIGKILL, as a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
