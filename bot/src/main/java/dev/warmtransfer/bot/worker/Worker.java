package dev.warmtransfer.bot.worker;

import dev.warmtransfer.proto.JobSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import livekit.LivekitAgent.AvailabilityRequest;
import livekit.LivekitAgent.JobAssignment;
import livekit.LivekitAgent.ServerMessage;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LiveKit agent worker: registers under the agent name, answers offers at once, runs the jobs
 * LiveKit assigns, reports its load, marks each job's end, and drains on request.
 *
 * <p>Threads: one event loop owns all state below and is the socket's only writer; socket
 * callbacks only enqueue onto it. Creating and starting a job (joining a room takes seconds) and
 * stopping one run on a separate pool, so an offer is never answered late because of them.
 */
public final class Worker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
  /** Exit code after a drain asked for from outside (SIGTERM). */
  public static final int EXIT_DRAINED = 0;
  /** Exit code after the worker spent its {@link WorkerBudget}: its supervisor starts a fresh one. */
  public static final int EXIT_BUDGET = 75;
  /** How long an accepted offer holds a slot while LiveKit has not assigned it (Python waits 7.5 s). */
  static final long ASSIGNMENT_WAIT_MS = 10_000;

  public enum Phase { RUNNING, DRAINING, STOPPED }

  private final WorkerConfig config;
  private final JobFactory factory;
  private final Supplier<WorkerBudget> budgets;
  private final Reports reports;
  private final Backoff backoff;
  private final WorkerListener listener;
  private final ScheduledExecutorService loop;
  private final ExecutorService jobThreads;
  private final AgentLink link;
  private final CompletableFuture<Integer> finished = new CompletableFuture<>();

  // Confined to the loop.
  private final Map<String, Offered> offered = new HashMap<>();
  private final Map<String, RunningJob> running = new HashMap<>();
  private Phase phase = Phase.RUNNING;
  private int exitCode = EXIT_DRAINED;
  private String workerId = "";
  /** Made when the first job has joined: its baseline then includes the loaded media stack. */
  private WorkerBudget budget;
  private int failures;
  private Capacity lastReported;

  private record Offered(JobSpec spec, String identity, String room, ScheduledFuture<?> expiry) {}

  public Worker(WorkerConfig config, JobFactory factory, Supplier<WorkerBudget> budgets, Reports reports, OkHttpClient http,
      Backoff backoff, WorkerListener listener) {
    this.config = Objects.requireNonNull(config, "config");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.budgets = Objects.requireNonNull(budgets, "budgets");
    this.reports = Objects.requireNonNull(reports, "reports");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.listener = Objects.requireNonNull(listener, "listener");
    ScheduledThreadPoolExecutor one = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "worker-loop"));
    // Closing drops pending timers (offer expiry, drain deadline) instead of waiting for them.
    one.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    one.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    this.loop = one;
    AtomicInteger n = new AtomicInteger();
    this.jobThreads = Executors.newCachedThreadPool(r -> daemon(r, "worker-job-" + n.incrementAndGet()));
    this.link = new AgentLink(Objects.requireNonNull(http, "http"), config, this::post, new AgentLink.Handler() {
      @Override
      public void onOpen() {
        Worker.this.link.send(WorkerMessages.register(config.agentName()));
      }

      @Override
      public void onMessage(ServerMessage message) {
        handle(message);
      }

      @Override
      public void onLost(String reason) {
        lost(reason);
      }
    });
  }

  /** Connects and starts the status reports; completes with the process exit code when the worker is done. */
  public CompletableFuture<Integer> start() {
    WorkerMessages.warmUp();
    post(link::connect);
    long every = config.statusInterval().toMillis();
    loop.scheduleWithFixedDelay(() -> post(this::tick), every, every, TimeUnit.MILLISECONDS);
    return finished;
  }

  /** Takes no new job, lets the running ones finish, then completes {@link #start()}'s future with {@code code}. */
  public void drain(String reason, int code) {
    post(() -> beginDrain(reason, code));
  }

  /** Stops every running job now (second signal, drain deadline); each still gets its end marked. */
  public void stopJobs(String reason) {
    post(() -> new ArrayList<>(running.values()).forEach(r -> stopJob(r, reason)));
  }

  /** True once the frames sent before the worker finished (the last update_job) have been written out. */
  public boolean flushed() {
    return link.unsent() == 0;
  }

  /** Closes at once: stops the jobs, closes the socket, ends the threads. */
  @Override
  public void close() {
    post(() -> {
      new ArrayList<>(running.values()).forEach(r -> stopJob(r, "worker closed"));
      finish(1);
    });
    loop.shutdown();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    jobThreads.shutdown();
  }

  private void post(Runnable task) {
    try {
      loop.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("event=worker_error error=\"{}\"", e.toString(), e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // The worker is closed; nothing is left to tell.
    }
  }

  private void handle(ServerMessage m) {
    switch (m.getMessageCase()) {
      case REGISTER -> registered(m.getRegister().getWorkerId());
      case AVAILABILITY -> offer(m.getAvailability());
      case ASSIGNMENT -> assigned(m.getAssignment());
      case TERMINATION -> terminate(m.getTermination().getJobId());
      default -> LOG.debug("event=worker_message_ignored kind={}", m.getMessageCase());
    }
  }

  private void registered(String id) {
    workerId = id;
    failures = 0;
    lastReported = null;
    LOG.info("event=worker_registered worker_id={} agent_name={} max_jobs={} jobs={}", id, config.agentName(),
        config.maxJobs(), running.size());
    sendStatus();
    listener.onRegistered(id);
  }

  private Capacity capacity() {
    return Capacity.of(running.size() + offered.size(), config.maxJobs(), phase != Phase.RUNNING);
  }

  private void offer(AvailabilityRequest request) {
    livekit.LivekitAgent.Job job = request.getJob();
    String room = job.getRoom().getName();
    LOG.info("event=job_offered job_id={} room={} worker_id={}", job.getId(), room, workerId);
    Offers.Answer answer = Offers.answer(job, workerId, capacity());
    link.send(WorkerMessages.availability(answer.response()));
    if (!answer.accepted()) {
      LOG.info("event=job_declined job_id={} room={} reason=\"{}\"", job.getId(), room, answer.reason());
      return;
    }
    String id = job.getId();
    ScheduledFuture<?> expiry = loop.schedule(() -> post(() -> unassigned(id)), ASSIGNMENT_WAIT_MS,
        TimeUnit.MILLISECONDS);
    offered.put(id, new Offered(answer.spec(), answer.response().getParticipantIdentity(), room, expiry));
    LOG.info("event=job_accepted job_id={} room={} identity={} kind={}", id, room,
        answer.response().getParticipantIdentity(), answer.spec().getKind());
    sendStatus();
  }

  private void unassigned(String id) {
    if (offered.remove(id) != null) {
      LOG.info("event=job_not_assigned job_id={}", id);
      sendStatus();
      maybeFinish();
    }
  }

  private void assigned(JobAssignment a) {
    String id = a.getJob().getId();
    Offered o = offered.remove(id);
    if (o != null) {
      o.expiry().cancel(false);
    }
    JobSpec spec;
    String identity;
    try {
      spec = o != null ? o.spec() : Offers.decodeSpec(a.getJob().getMetadata());
      identity = o != null ? o.identity() : Offers.identity(spec.getKind(), id);
    } catch (IllegalArgumentException e) {
      LOG.warn("event=job_refused job_id={} reason=\"{}\"", id, e.getMessage());
      link.send(WorkerMessages.updateJob(id, JobOutcome.failure(e.getMessage())));
      return;
    }
    String room = a.getJob().getRoom().getName();
    String url = a.getUrl().isEmpty() ? config.url() : a.getUrl();
    RunningJob r = new RunningJob(id, identity, room);
    running.put(id, r);
    Reports jobReports = r.reports(reports, outcome -> post(() -> mark(r, outcome)));
    JobContext context = new JobContext(id, url, a.getToken(), identity, spec, jobReports);
    LOG.info("event=job_assigned job_id={} room={} identity={} worker_id={}", id, room, identity, workerId);
    jobThreads.execute(() -> launch(r, context));
  }

  /** On a job thread: makes the job and joins its room; never on the loop (it takes seconds). */
  private void launch(RunningJob r, JobContext context) {
    Job job;
    try {
      job = Objects.requireNonNull(factory.create(context), "the factory made no job");
    } catch (RuntimeException e) {
      post(() -> ended(r.id, JobOutcome.failure("cannot make the job: " + e.getMessage())));
      return;
    }
    post(() -> {
      r.job = job;
      if (r.stopReason != null) {
        jobThreads.execute(() -> job.stop(r.stopReason));
      }
    });
    job.done().whenComplete((outcome, error) -> post(() -> ended(r.id,
        outcome != null ? outcome : JobOutcome.failure("job failed: " + error))));
    try {
      job.start();
      post(() -> {
        budget();
        LOG.info("event=job_started job_id={} room={} identity={}", r.id, r.room, r.identity);
      });
    } catch (RuntimeException e) {
      post(() -> ended(r.id, JobOutcome.failure("cannot join: " + e.getMessage())));
      job.stop("start failed");
    }
  }

  private void terminate(String id) {
    RunningJob r = running.get(id);
    if (r == null) {
      Offered o = offered.remove(id);
      if (o != null) {
        o.expiry().cancel(false);
        LOG.info("event=job_terminated job_id={} before=assignment", id);
        sendStatus();
        maybeFinish();
      } else {
        LOG.info("event=termination_ignored job_id={} reason=\"unknown job\"", id);
      }
      return;
    }
    LOG.info("event=job_terminated job_id={} room={}", id, r.room);
    mark(r, JobOutcome.success("terminated by LiveKit"));
    stopJob(r, "terminated by LiveKit");
  }

  private void stopJob(RunningJob r, String reason) {
    mark(r, JobOutcome.success(reason));
    if (r.stopReason != null) {
      return;
    }
    r.stopReason = reason;
    Job job = r.job;
    if (job != null) {
      jobThreads.execute(() -> job.stop(reason));
    }
  }

  /** Tells LiveKit how the job ended, once, as soon as it is known (before the job leaves its room). */
  private void mark(RunningJob r, JobOutcome outcome) {
    if (!r.marked) {
      r.marked = true;
      link.send(WorkerMessages.updateJob(r.id, outcome));
    }
  }

  private void ended(String id, JobOutcome outcome) {
    RunningJob r = running.remove(id);
    if (r == null) {
      return;
    }
    mark(r, outcome);
    budget().callEnded();
    LOG.info("event=job_ended job_id={} room={} status={} reason=\"{}\" jobs={}", id, r.room,
        outcome.failed() ? "failed" : "success", outcome.reason(), running.size());
    sendStatus();
    checkBudget();
    maybeFinish();
  }

  private void tick() {
    sendStatus();
    checkBudget();
  }

  private void sendStatus() {
    if (!link.registered()) {
      return;
    }
    Capacity c = capacity();
    link.send(WorkerMessages.status(c));
    if (lastReported == null || lastReported.status() != c.status()) {
      LOG.info("event=worker_status worker_id={} status={} load={} jobs={}", workerId, c.status(), c.load(),
          c.jobCount());
    }
    lastReported = c;
  }

  private void checkBudget() {
    if (phase != Phase.RUNNING) {
      return;
    }
    String spent = budget == null ? null : budget.exhausted();
    if (spent != null) {
      beginDrain("budget: " + spent, EXIT_BUDGET);
    }
  }

  private WorkerBudget budget() {
    if (budget == null) {
      budget = Objects.requireNonNull(budgets.get(), "budget");
    }
    return budget;
  }

  private void beginDrain(String reason, int code) {
    if (phase != Phase.RUNNING) {
      return;
    }
    phase = Phase.DRAINING;
    exitCode = code;
    LOG.info("event=worker_draining worker_id={} reason=\"{}\" jobs={}", workerId, reason, running.size());
    sendStatus();
    listener.onDraining(reason, code);
    loop.schedule(() -> stopJobs("drain timeout"), config.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
    maybeFinish();
  }

  private void maybeFinish() {
    if (phase == Phase.DRAINING && running.isEmpty() && offered.isEmpty()) {
      finish(exitCode);
    }
  }

  private void finish(int code) {
    if (phase == Phase.STOPPED) {
      return;
    }
    phase = Phase.STOPPED;
    link.close("worker stopped");
    LOG.info("event=worker_stopped worker_id={} exit_code={} calls={}", workerId, code, budget == null ? 0 : budget.calls());
    finished.complete(code);
  }

  private void lost(String reason) {
    LOG.info("event=worker_disconnected worker_id={} reason=\"{}\" jobs={}", workerId, reason, running.size());
    // LiveKit forgets this worker's jobs and offers: the jobs end by themselves from room signals.
    offered.values().forEach(o -> o.expiry().cancel(false));
    offered.clear();
    running.values().forEach(r -> r.marked = true);
    if (phase == Phase.RUNNING) {
      int attempt = ++failures;
      long delay = backoff.delay(attempt, ThreadLocalRandom.current().nextDouble()).toMillis();
      LOG.info("event=worker_reconnecting attempt={} delay_ms={}", attempt, delay);
      loop.schedule(() -> post(link::connect), delay, TimeUnit.MILLISECONDS);
    } else {
      maybeFinish();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
