package dev.warmtransfer.bot.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.proto.JobSpec;
import dev.warmtransfer.testkit.LiveKitExtension;
import dev.warmtransfer.testkit.LiveKitServer;
import io.livekit.server.AgentDispatchServiceClient;
import io.livekit.server.RoomServiceClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import livekit.LivekitModels.ParticipantInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real worker processes against a real LiveKit: LiveKit's own dispatch shares the jobs, a killed
 * worker leaves the other serving, a drained worker takes nothing new and exits when its job
 * ends, and a spent budget hands over to a fresh worker. Jobs are {@link RoomJobs} participants.
 */
class WorkerProcessesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  static final LiveKitExtension LIVEKIT = new LiveKitExtension();

  private final List<WorkerProcess> workers = new ArrayList<>();
  private final List<String> rooms = new ArrayList<>();
  private RoomServiceClient roomService;
  private AgentDispatchServiceClient dispatch;
  private String agentName;

  @BeforeEach
  void clients() {
    LiveKitServer lk = LIVEKIT.server();
    roomService = RoomServiceClient.createClient(lk.httpUrl(), lk.apiKey(), lk.apiSecret());
    dispatch = AgentDispatchServiceClient.createClient(lk.httpUrl(), lk.apiKey(), lk.apiSecret());
    // A name of its own per test: workers of an earlier test can never take this test's jobs.
    agentName = "wt-test-" + System.nanoTime();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (WorkerProcess w : workers) {
      w.close();
    }
    for (String room : rooms) {
      roomService.deleteRoom(room).execute();
    }
  }

  @Test
  void twoWorkersShareTenDispatchesAndTheSurvivorServesAfterAKill() throws Exception {
    WorkerProcess a = worker("a", Map.of());
    WorkerProcess b = worker("b", Map.of());
    String idA = a.awaitRegistered(WAIT);
    String idB = b.awaitRegistered(WAIT);

    Map<String, String> takenBy = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      String room = dispatchTo("spread-" + i);
      takenBy.put(room, awaitBot(room).getAttributesMap().get(Offers.ATTR_WORKER));
    }
    assertThat(Set.copyOf(takenBy.values())).as("workers that took the 10 jobs: %s", takenBy)
        .containsExactlyInAnyOrder(idA, idB);

    a.kill();
    // LiveKit notices the closed socket; give it a moment before dispatching again.
    Thread.sleep(1000);
    for (int i = 0; i < 4; i++) {
      String room = dispatchTo("after-kill-" + i);
      assertThat(awaitBot(room).getAttributesMap()).containsEntry(Offers.ATTR_WORKER, idB);
    }
    // The survivor's earlier jobs are still in their rooms.
    for (Map.Entry<String, String> e : takenBy.entrySet()) {
      if (e.getValue().equals(idB)) {
        assertThat(bot(e.getKey())).as("b's job in %s", e.getKey()).isPresent();
      }
    }
    assertThat(b.process.isAlive()).isTrue();
  }

  @Test
  void aDrainedWorkerTakesNoNewJobAndExitsWhenItsJobEnds() throws Exception {
    WorkerProcess a = worker("drain-a", Map.of());
    String idA = a.awaitRegistered(WAIT);
    String busy = dispatchTo("drain-busy");
    assertThat(awaitBot(busy).getAttributesMap()).containsEntry(Offers.ATTR_WORKER, idA);

    WorkerProcess b = worker("drain-b", Map.of());
    String idB = b.awaitRegistered(WAIT);
    a.terminate();
    a.awaitLog(Pattern.compile("event=worker_draining"), WAIT);

    for (int i = 0; i < 4; i++) {
      String room = dispatchTo("drain-new-" + i);
      assertThat(awaitBot(room).getAttributesMap()).containsEntry(Offers.ATTR_WORKER, idB);
    }
    assertThat(a.process.isAlive()).as("a drains while its job runs").isTrue();
    assertThat(bot(busy)).as("a's job still in its room").isPresent();

    roomService.deleteRoom(busy).execute();
    assertThat(a.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a exits once its job ended:\n%s", a.log())
        .isTrue();
    assertThat(a.process.exitValue()).isEqualTo(Worker.EXIT_DRAINED);
    assertThat(a.log()).containsPattern("event=job_ended job_id=\\S+ room=" + busy + " status=success");
    assertThat(b.process.isAlive()).isTrue();
  }

  @Test
  void aSpentBudgetAnnouncesTheHandoverAndExitsWithItsOwnCode() throws Exception {
    Path handover = Files.createTempFile("worker-handover", ".txt");
    Files.delete(handover);
    WorkerProcess a = worker("budget", Map.of("WT_WORKER_MAX_CALLS", "1",
        "WT_WORKER_HANDOVER_FILE", handover.toString()));
    a.awaitRegistered(WAIT);
    String room = dispatchTo("budget-1");
    awaitBot(room);
    roomService.deleteRoom(room).execute();
    assertThat(a.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exits after one call:\n%s", a.log()).isTrue();
    assertThat(a.process.exitValue()).isEqualTo(Worker.EXIT_BUDGET);
    assertThat(handover).exists();
    assertThat(Files.readString(handover)).contains("took 1 calls");
  }

  @Test
  void afterLiveKitRestartsTheWorkerRegistersAgainAndItsForgottenJobEndsByItself() throws Exception {
    WorkerProcess a = worker("restart", Map.of());
    String first = a.awaitRegistered(WAIT);
    String room = dispatchTo("before-restart");
    awaitBot(room);

    LIVEKIT.server().restart();
    rooms.clear(); // the restarted server has none of them
    a.awaitLog(Pattern.compile("event=worker_registered worker_id=(?!" + first + ")\\S+"), WAIT);
    a.awaitLog(Pattern.compile("event=job_ended job_id=\\S+ room=" + room + " status=success"), WAIT);

    String again = a.awaitLog(Pattern.compile("event=worker_registered worker_id=(?!" + first + ")\\S+"), WAIT)
        .replaceAll(".*worker_id=", "");
    String after = dispatchTo("after-restart");
    assertThat(awaitBot(after).getAttributesMap()).containsEntry(Offers.ATTR_WORKER, again);
  }

  private WorkerProcess worker(String name, Map<String, String> env) {
    WorkerProcess w = WorkerProcess.start(name, LIVEKIT.server(), agentName, env);
    workers.add(w);
    return w;
  }

  /** A room that stays open without humans for the test's length, and a call-assistant dispatch to it. */
  private String dispatchTo(String name) throws IOException {
    String room = name + "-" + System.nanoTime();
    rooms.add(room);
    assertThat(roomService.createRoom(room, 120).execute().isSuccessful()).isTrue();
    JobSpec spec = JobSpec.newBuilder().setKind(JobSpec.Kind.CALL_ASSISTANT).setRoom(room).setAttempt(1).build();
    assertThat(dispatch.createDispatch(room, agentName, Offers.encodeSpec(spec)).execute().isSuccessful()).isTrue();
    return room;
  }

  private ParticipantInfo awaitBot(String room) throws Exception {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      Optional<ParticipantInfo> bot = bot(room);
      if (bot.isPresent()) {
        ParticipantInfo p = bot.get();
        assertThat(p.getKind()).isEqualTo(ParticipantInfo.Kind.AGENT);
        assertThat(p.getIdentity()).startsWith("wt-assistant-");
        assertThat(p.getAttributesMap()).containsEntry("role", "bot").containsEntry("wt.job", "assistant");
        return p;
      }
      Thread.sleep(100);
    }
    StringBuilder logs = new StringBuilder();
    workers.forEach(w -> logs.append("--- ").append(w.name).append('\n').append(w.log()));
    throw new AssertionError("no bot joined " + room + " within " + WAIT + "\n" + logs);
  }

  private Optional<ParticipantInfo> bot(String room) throws IOException {
    List<ParticipantInfo> participants = roomService.listParticipants(room).execute().body();
    Set<ParticipantInfo> bots = new HashSet<>();
    if (participants != null) {
      participants.stream().filter(p -> p.getAttributesMap().containsKey("wt.job")).forEach(bots::add);
    }
    assertThat(bots.size()).as("bots in %s", room).isLessThanOrEqualTo(1);
    return bots.stream().findFirst();
  }
}
