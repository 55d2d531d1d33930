package dev.warmtransfer.bot.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.proto.JobSpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import livekit.LivekitAgent.AvailabilityRequest;
import livekit.LivekitAgent.AvailabilityResponse;
import livekit.LivekitAgent.Job;
import livekit.LivekitAgent.JobAssignment;
import livekit.LivekitAgent.JobStatus;
import livekit.LivekitAgent.JobTermination;
import livekit.LivekitAgent.JobType;
import livekit.LivekitAgent.RegisterWorkerResponse;
import livekit.LivekitAgent.ServerMessage;
import livekit.LivekitAgent.UpdateWorkerStatus;
import livekit.LivekitAgent.WorkerMessage;
import livekit.LivekitAgent.WorkerStatus;
import livekit.LivekitModels;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker's socket behaviour against a scripted {@code /agent} (okhttp MockWebServer). */
class WorkerSocketTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  /** LiveKit waits about 3 s for an answer; a worker must answer well within it. */
  private static final Duration OFFER_DEADLINE = Duration.ofMillis(2500);

  private FakeLiveKit livekit;
  private Worker worker;
  private CompletableFuture<Integer> finished;
  private final Map<String, FakeJob> jobs = new ConcurrentHashMap<>();
  private CountDownLatch startGate = new CountDownLatch(0);

  @BeforeEach
  void fakeLiveKit() throws Exception {
    livekit = new FakeLiveKit();
  }

  @AfterEach
  void close() {
    if (worker != null) {
      worker.close();
    }
    livekit.close();
  }

  @Test
  void registersThenAcceptsWithTheContractsIdentityAndAttributes() throws Exception {
    WorkerMessage register = register(3);
    assertThat(register.getRegister().getAgentName()).isEqualTo("wt-test");
    assertThat(register.getRegister().getType()).isEqualTo(JobType.JT_ROOM);
    assertThat(livekit.lastAuthorization).startsWith("Bearer ey");

    AvailabilityResponse answer = offer("AJ_1", JobSpec.newBuilder().setKind(JobSpec.Kind.BRIEFER)
        .setTransferId("T-9").build());
    assertThat(answer.getAvailable()).isTrue();
    assertThat(answer.getParticipantIdentity()).isEqualTo("wt-briefer-AJ_1");
    assertThat(answer.getParticipantAttributesMap()).containsEntry("role", "bot").containsEntry("wt.job", "briefer")
        .containsEntry("wt.transfer", "T-9").containsEntry("wt.worker", "AW_test");
    // Capacity changed: reported at once, still routable (below LiveKit's target load 0.7).
    UpdateWorkerStatus status = nextStatus();
    assertThat(status.getJobCount()).isEqualTo(1);
    assertThat(status.getStatus()).isEqualTo(WorkerStatus.WS_AVAILABLE);
    assertThat(status.getLoad()).isGreaterThan(0f).isLessThan(0.7f);
  }

  @Test
  void answersAnOfferWhileAnotherJobIsStillJoining() throws Exception {
    startGate = new CountDownLatch(1);
    register(3);
    offer("AJ_slow", assistant());
    assign("AJ_slow");
    long t0 = System.nanoTime();
    AvailabilityResponse answer = offer("AJ_next", assistant());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("offer answered in %d ms while a job was joining%n", ms);
    assertThat(answer.getAvailable()).isTrue();
    assertThat(startGate.getCount()).as("the first job is still joining").isEqualTo(1);
    startGate.countDown();
  }

  @Test
  void terminationOfAnUnknownJobIsIgnored() throws Exception {
    register(3);
    offer("AJ_1", assistant());
    assign("AJ_1");
    livekit.send(ServerMessage.newBuilder().setTermination(JobTermination.newBuilder().setJobId("AJ_nobody")).build());
    assertThat(offer("AJ_2", assistant()).getAvailable()).as("still serving").isTrue();
    assertThat(livekit.jobStatus).doesNotContainKey("AJ_nobody").doesNotContainKey("AJ_1");
    assertThat(awaitJob("AJ_1").stopCalled).isFalse();
  }

  @Test
  void terminationMarksTheJobsEndBeforeTheJobLeaves() throws Exception {
    register(3);
    offer("AJ_1", assistant());
    assign("AJ_1");
    FakeJob job = awaitJob("AJ_1");
    livekit.send(ServerMessage.newBuilder().setTermination(JobTermination.newBuilder().setJobId("AJ_1")).build());
    job.done().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(job.stopCalled).isTrue();
    assertThat(job.endKnownBeforeLeaving).as("update_job reached LiveKit before the job left").isTrue();
    assertThat(livekit.jobStatus).containsEntry("AJ_1", JobStatus.JS_SUCCESS);
  }

  @Test
  void aJobEndingByItselfIsMarkedBeforeItLeaves() throws Exception {
    register(3);
    offer("AJ_1", assistant());
    assign("AJ_1");
    FakeJob job = awaitJob("AJ_1");
    job.endByItself();
    assertThat(job.endKnownBeforeLeaving).as("update_job reached LiveKit before the job left").isTrue();
    assertThat(livekit.jobStatus).containsEntry("AJ_1", JobStatus.JS_SUCCESS);
    assertThat(job.stopCalled).isFalse();
  }

  @Test
  void aFullWorkerSaysSoAndDeclines() throws Exception {
    register(1);
    assertThat(offer("AJ_1", assistant()).getAvailable()).isTrue();
    UpdateWorkerStatus status = nextStatus();
    assertThat(status.getStatus()).isEqualTo(WorkerStatus.WS_FULL);
    assertThat(status.getLoad()).isEqualTo(1f);
    assertThat(offer("AJ_2", assistant()).getAvailable()).isFalse();
  }

  @Test
  void reconnectsWithANewRegistrationAndKeepsItsJobRunning() throws Exception {
    register(3);
    offer("AJ_1", assistant());
    assign("AJ_1");
    FakeJob job = awaitJob("AJ_1");
    livekit.dropConnection();
    livekit.next(WorkerMessage::hasRegister, WAIT);
    assertThat(livekit.connections.get()).isEqualTo(2);
    livekit.send(ServerMessage.newBuilder().setRegister(RegisterWorkerResponse.newBuilder().setWorkerId("AW_again"))
        .build());
    AvailabilityResponse answer = offer("AJ_2", assistant());
    assertThat(answer.getParticipantAttributesMap()).containsEntry("wt.worker", "AW_again");
    assertThat(job.stopCalled).as("the job outlives the worker's socket").isFalse();
    assertThat(job.done()).isNotDone();
  }

  @Test
  void drainingReportsFullDeclinesAndFinishesWhenTheJobEnds() throws Exception {
    register(3);
    offer("AJ_1", assistant());
    assign("AJ_1");
    FakeJob job = awaitJob("AJ_1");
    worker.drain("test", Worker.EXIT_DRAINED);
    UpdateWorkerStatus full = livekit.next(m -> m.hasUpdateWorker()
        && m.getUpdateWorker().getStatus() == WorkerStatus.WS_FULL, WAIT).getUpdateWorker();
    assertThat(full.getLoad()).isEqualTo(1f);
    assertThat(full.getJobCount()).isEqualTo(1);
    assertThat(offer("AJ_2", assistant()).getAvailable()).isFalse();
    assertThat(finished).isNotDone();
    job.endByItself();
    assertThat(finished.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Worker.EXIT_DRAINED);
  }

  private WorkerMessage register(int maxJobs) throws Exception {
    WorkerConfig config = new WorkerConfig(livekit.url(), "devkey", "secret-secret-secret-secret-secret", "wt-test",
        maxJobs, "http://127.0.0.1:9", "", Duration.ofSeconds(30), Duration.ofMinutes(5));
    JobFactory factory = context -> {
      FakeJob job = new FakeJob(context, livekit, startGate);
      jobs.put(context.jobId(), job);
      return job;
    };
    worker = new Worker(config, factory, () -> new WorkerBudget(100, 1L << 40, () -> 0L), Reports.NONE,
        new OkHttpClient(), Backoff.defaults(), new WorkerListener() {});
    finished = worker.start();
    WorkerMessage register = livekit.next(WorkerMessage::hasRegister, WAIT);
    livekit.send(ServerMessage.newBuilder().setRegister(RegisterWorkerResponse.newBuilder().setWorkerId("AW_test"))
        .build());
    nextStatus();
    return register;
  }

  private UpdateWorkerStatus nextStatus() throws InterruptedException {
    return livekit.next(WorkerMessage::hasUpdateWorker, WAIT).getUpdateWorker();
  }

  private static JobSpec assistant() {
    return JobSpec.newBuilder().setKind(JobSpec.Kind.CALL_ASSISTANT).setRoom("R").build();
  }

  private static Job job(String id, JobSpec spec) {
    return Job.newBuilder().setId(id).setType(JobType.JT_ROOM).setAgentName("wt-test")
        .setRoom(LivekitModels.Room.newBuilder().setName("room-" + id)).setMetadata(Offers.encodeSpec(spec)).build();
  }

  private AvailabilityResponse offer(String id, JobSpec spec) throws InterruptedException {
    livekit.send(ServerMessage.newBuilder().setAvailability(AvailabilityRequest.newBuilder().setJob(job(id, spec)))
        .build());
    return livekit.next(m -> m.hasAvailability() && m.getAvailability().getJobId().equals(id), OFFER_DEADLINE)
        .getAvailability();
  }

  private void assign(String id) {
    livekit.send(ServerMessage.newBuilder().setAssignment(JobAssignment.newBuilder()
        .setJob(job(id, assistant())).setToken("token-" + id)).build());
  }

  private FakeJob awaitJob(String id) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      FakeJob job = jobs.get(id);
      if (job != null) {
        assertThat(job.context.token()).isEqualTo("token-" + id);
        assertThat(job.context.url()).isEqualTo(livekit.url());
        assertThat(job.context.identity()).isEqualTo("wt-assistant-" + id);
        return job;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the worker did not make job " + id);
  }
}
