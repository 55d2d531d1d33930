package dev.warmtransfer.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.service.support.Ears;
import dev.warmtransfer.service.support.TransferRig;
import dev.warmtransfer.testkit.TestAudio;
import io.dropwizard.testing.ConfigOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Twenty calls (caller and Agent A each) in one LiveKit, twenty transfers started in the same
 * instant, twenty Agent Bs join their handoff rooms and accept: all complete, and each caller hears
 * its own B (every B plays its own pitch). Built to be cheap on a two-core machine: two worker
 * processes share the forty jobs, participants publish or subscribe only what the check needs,
 * tones instead of speech, and timeouts sized for a loaded machine (this is not a benchmark).
 */
@EnabledIfEnvironmentVariable(named = "WT_TEST_IP", matches = ".+", disabledReason = "needs the test network: scripts/testnet.sh exec ...")
class ConcurrentTransfersTest {
  static final int N = 20;
  /** A's and the callers' side only listens or only talks: what the checks need, nothing more. */
  static final RoomOptions SILENT_DEAF = RoomOptions.defaults().withPublishAudio(false).withAutoSubscribe(false);
  static final RoomOptions LISTENS = RoomOptions.defaults().withPublishAudio(false);
  static final RoomOptions TALKS = RoomOptions.defaults().withAutoSubscribe(false);

  static double pitchOf(int i) {
    return 420 + 30 * i; // 420 .. 990 Hz: apart enough to tell each B from its neighbours
  }

  @Test
  void twentyTransfersStartedAtOnceAllCompleteAndEachCallerHearsItsOwnB() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6);
    try (TransferRig rig = TransferRig.start("e2e-concurrent",
        ConfigOverride.config("transfers.agentBJoinTimeout", "300s"),
        ConfigOverride.config("transfers.handoverTimeout", "180s"))) {
      Map<String, String> worker = Map.of("WT_WORKER_MAX_JOBS", "25", "WT_WORKER_MAX_GROWTH_MB", "2048");
      rig.startWorker(worker, "768m");
      rig.startWorker(worker, "768m");
      ExecutorService pool = Executors.newFixedThreadPool(N);
      try {
        List<String> rooms = new ArrayList<>();
        List<Ears> callers = new ArrayList<>();
        List<Future<?>> joins = new ArrayList<>();
        for (int i = 0; i < N; i++) {
          String room = "e2e-many-" + run + "-" + i;
          Ears ears = new Ears(20_000);
          rooms.add(room);
          callers.add(ears);
          int n = i;
          joins.add(pool.submit(() -> {
            rig.join("caller-" + n, room, "caller", ears, LISTENS);
            rig.join("agent-a-" + n, room, "agent", new Ears(1_000), SILENT_DEAF);
            return null;
          }));
        }
        for (Future<?> f : joins) {
          f.get(180, TimeUnit.SECONDS);
        }
        for (String room : rooms) {
          rig.awaitAssistant(room, 180_000);
        }

        // All twenty requests leave together.
        CountDownLatch go = new CountDownLatch(1);
        List<Future<JsonNode>> starts = new ArrayList<>();
        for (int i = 0; i < N; i++) {
          int n = i;
          starts.add(pool.submit(() -> {
            go.await();
            return rig.startTransfer(rooms.get(n), "agent-a-" + n, "agent-b-" + n,
                Map.of("transcript", "Customer: my account number is " + (7100 + n) + " and I was charged twice."));
          }));
        }
        long t0 = System.currentTimeMillis();
        go.countDown();
        List<JsonNode> started = new ArrayList<>();
        for (Future<JsonNode> f : starts) {
          started.add(f.get(120, TimeUnit.SECONDS));
        }
        System.out.printf("%d transfers started in %d ms%n", N, System.currentTimeMillis() - t0);
        assertThat(started.stream().map(s -> s.get("newRoom").asText()).distinct()).as("one handoff room each").hasSize(N);

        // Each B joins its H, and accepts once the service has seen it there.
        List<Future<String>> flows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
          int n = i;
          flows.add(pool.submit(() -> handOver(rig, n, started.get(n), rooms.get(n), callers.get(n))));
        }
        List<String> failures = new ArrayList<>();
        for (Future<String> f : flows) {
          try {
            System.out.println(f.get(600, TimeUnit.SECONDS));
          } catch (java.util.concurrent.ExecutionException e) {
            failures.add(String.valueOf(e.getCause()));
          }
        }
        System.out.printf("%d transfers: all requests to the last completion in %d ms%n", N, System.currentTimeMillis() - t0);
        assertThat(failures).as("transfers that did not complete or whose caller did not hear its B").isEmpty();
        for (JsonNode s : started) {
          String id = s.get("transferId").asText();
          assertThat(rig.get("/transfers/" + id).get("state").asText()).as(id).isEqualTo("completed");
          assertThat(rig.awaitIdentities(s.get("newRoom").asText(), List::isEmpty, 30_000)).as("H of " + id + " deleted").isEmpty();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** One B's side of transfer {@code n}: join H, accept, join R talking at its pitch; the caller's ears decide. */
  private static String handOver(TransferRig rig, int n, JsonNode started, String room, Ears callerEars) throws Exception {
    String id = started.get("transferId").asText();
    Room inH = rig.join(rig.livekit.wsUrl(), started.get("agentBToken").asText(), new Ears(1_000), SILENT_DEAF);
    JsonNode joined = rig.await(id, t -> List.of("agent_b_joined", "briefed").contains(t.get("state").asText()), 300_000);
    assertThat(joined.get("state").asText()).as("transfer " + n + " saw B join").isIn("agent_b_joined", "briefed");
    long accepted = System.currentTimeMillis();
    JsonNode token = rig.post("/transfers/" + id + "/accept", "");
    assertThat(token.has("token")).as("accept " + n + ": " + token).isTrue();
    rig.leave(inH);
    Room inR = rig.join(rig.livekit.wsUrl(), token.get("token").asText(), new Ears(1_000), TALKS);
    inR.play(TestAudio.tone(pitchOf(n), 90_000, 48_000, 0.3), 48_000);
    long end = System.currentTimeMillis() + 120_000;
    while (Ears.pitchedFrames(callerEars.audibleFromHumans(accepted), pitchOf(n)) < 100 && System.currentTimeMillis() < end) {
      Thread.sleep(200);
    }
    List<Ears.Frame> heard = callerEars.audibleFromHumans(accepted);
    assertThat(Ears.pitchedFrames(heard, pitchOf(n))).as("caller " + n + " hears its B at " + pitchOf(n) + " Hz; from: "
        + callerEars.sources(accepted)).isGreaterThanOrEqualTo(100);
    assertThat(Ears.pitch(heard)).as("the strongest pitch caller " + n + " hears").isCloseTo(pitchOf(n), within(5.0));
    JsonNode done = rig.awaitState(id, "completed", 240_000);
    inR.voice().clear(); // B falls silent: nothing more for anyone to decode or transcribe
    assertThat(done.get("state").asText()).as("transfer " + n + " timeline " + done.get("timeline")).isEqualTo("completed");
    return String.format("transfer %d: its caller heard %.0f Hz, and it completed, %d ms after B's accept",
        n, pitchOf(n), System.currentTimeMillis() - accepted);
  }
}
