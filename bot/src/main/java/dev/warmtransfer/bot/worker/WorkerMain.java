package dev.warmtransfer.bot.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bot worker}: one LiveKit agent worker process, configured from the environment
 * (LIVEKIT_URL, LIVEKIT_API_KEY/SECRET, WT_AGENT_NAME, WT_SERVICE_URL, WT_BOT_TOKEN,
 * WT_WORKER_MAX_JOBS; WT_WORKER_MAX_CALLS and WT_WORKER_MAX_GROWTH_MB for its budget).
 *
 * <p>SIGTERM or SIGINT drains (no new job, running ones finish) and exits 0; a second one stops
 * the running jobs. A spent budget drains too and exits {@link Worker#EXIT_BUDGET}; the
 * supervisor ({@code ./warm-transfer up}) then starts a fresh worker, already when this one
 * begins draining if WT_WORKER_HANDOVER_FILE names a file for this one to create.
 */
public final class WorkerMain {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);
  /** System property naming the {@link JobFactory} class (a public no-argument constructor). */
  public static final String FACTORY_PROPERTY = "wt.worker.factory";
  public static final String DEFAULT_FACTORY = "dev.warmtransfer.bot.jobs.StandardJobs";
  public static final int EXIT_USAGE = 2;

  private WorkerMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs until drained; returns the process exit code. */
  public static int run(String[] args) {
    if (args.length > 0) {
      System.err.println("usage: bot worker   (configured from the environment, see README)");
      return EXIT_USAGE;
    }
    Map<String, String> env = System.getenv();
    WorkerConfig config;
    JobFactory factory;
    try {
      config = WorkerConfig.fromEnv(env);
      budget(env); // checks the budget's settings now; the worker makes it once a job has joined
      factory = factory(System.getProperty(FACTORY_PROPERTY, DEFAULT_FACTORY));
    } catch (IllegalArgumentException e) {
      System.err.println("bot worker: " + e.getMessage());
      return EXIT_USAGE;
    }
    LOG.info("event=worker_starting config=\"{}\" factory={}", config, factory.getClass().getName());

    OkHttpClient http = new OkHttpClient.Builder()
        .pingInterval(Duration.ofSeconds(5)) // LiveKit sets no read deadline after registration: find dead links ourselves
        .readTimeout(Duration.ZERO)
        .build();
    ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "report-retry");
      t.setDaemon(true);
      return t;
    });
    Reports reports = reports(config, http, retries);
    Path handover = env.containsKey("WT_WORKER_HANDOVER_FILE") ? Path.of(env.get("WT_WORKER_HANDOVER_FILE")) : null;
    Worker worker = new Worker(config, factory, () -> budget(env), reports, http, Backoff.defaults(), new WorkerListener() {
      @Override
      public void onDraining(String reason, int exitCode) {
        if (exitCode == Worker.EXIT_BUDGET && handover != null) {
          try {
            Files.writeString(handover, reason + "\n");
          } catch (IOException e) {
            LOG.warn("event=handover_failed file={} error=\"{}\"", handover, e.getMessage());
          }
        }
      }
    });
    AtomicInteger signals = new AtomicInteger();
    Runnable onSignal = () -> {
      if (signals.incrementAndGet() == 1) {
        worker.drain("signal", Worker.EXIT_DRAINED);
      } else {
        worker.stopJobs("second signal");
      }
    };
    Signals.onTerminate(onSignal);
    int code = worker.start().join();
    // Let the last frames (update_job, close) reach LiveKit before the process ends.
    for (int i = 0; i < 30 && !worker.flushed(); i++) {
      sleep(100);
    }
    sleep(200);
    retries.shutdown();
    try {
      retries.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return code;
  }

  static WorkerBudget budget(Map<String, String> env) {
    int calls = intEnv(env, "WT_WORKER_MAX_CALLS", WorkerBudget.DEFAULT_CALLS);
    long growthMb = intEnv(env, "WT_WORKER_MAX_GROWTH_MB", (int) (WorkerBudget.DEFAULT_GROWTH_BYTES >> 20));
    return new WorkerBudget(calls, growthMb << 20, WorkerBudget::residentBytes);
  }

  /** The job factory by class name: the product's StandardJobs, or a test's. */
  static JobFactory factory(String className) {
    Class<?> type;
    try {
      type = Class.forName(className);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("-D" + FACTORY_PROPERTY + ": no class " + className + " on the classpath");
    }
    if (!JobFactory.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException("-D" + FACTORY_PROPERTY + ": " + className + " is not a JobFactory");
    }
    try {
      return (JobFactory) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("-D" + FACTORY_PROPERTY + ": cannot make " + className + ": " + e, e);
    }
  }

  private static Reports reports(WorkerConfig config, OkHttpClient http, ScheduledExecutorService retries) {
    if (config.botToken().isBlank()) {
      LOG.warn("event=reports_disabled reason=\"WT_BOT_TOKEN is not set\"");
      return Reports.NONE;
    }
    return new HttpReports(http, config.serviceUrl(), config.botToken(), retries);
  }

  private static int intEnv(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n <= 0) {
        throw new IllegalArgumentException(name + ": must be at least 1, got " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": not a whole number: " + v);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
