package dev.warmtransfer.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.service.support.Ears;
import dev.warmtransfer.service.support.TransferRig;
import dev.warmtransfer.testkit.TestAudio;
import io.dropwizard.testing.ConfigOverride;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * How a transfer ends other than by B taking the call (declined, timed_out, canceled,
 * caller_left), and the seed's move-caller mode, with the real bot worker process, real LiveKit
 * with its webhooks, and Java participants as caller, Agent A and Agent B. Every check is by ear
 * or by LiveKit's own participant list: the caller hears the hold audio and not A while on hold,
 * then A again and no hold audio; H is gone. The happy path is {@link TransferHappyPathTest}.
 */
@EnabledIfEnvironmentVariable(named = "WT_TEST_IP", matches = ".+", disabledReason = "needs the test network: scripts/testnet.sh exec ...")
class TransferEndToEndTest {
  /** A call in progress: the caller hears A (600 Hz, without pause) and the call assistant is there. */
  private record Call(String room, Room caller, Ears callerEars, Room alice, Ears aliceEars, String assistant) {}

  private static Call call(TransferRig rig, String room) throws Exception {
    Ears callerEars = new Ears();
    Ears aliceEars = new Ears();
    Room caller = rig.join("caller-1", room, "caller", callerEars);
    Room alice = rig.join("alice", room, "agent", aliceEars);
    alice.play(TestAudio.tone(600, 120_000, 48_000, 0.3), 48_000);
    assertThat(callerEars.awaitAudible("alice", System.currentTimeMillis(), 100, 30_000)).as("caller hears A").isTrue();
    return new Call(room, caller, callerEars, alice, aliceEars, rig.awaitAssistant(room, 30_000));
  }

  /** The transfer is under way: on hold, the caller hears the assistant's hold audio and nothing of A. */
  private static JsonNode onHold(TransferRig rig, Call c, String transcript) throws Exception {
    JsonNode started = rig.startTransfer(c.room(), "alice", "bob", Map.of("transcript", transcript));
    String id = started.get("transferId").asText();
    assertThat(rig.await(id, t -> !t.get("state").asText().equals("requested"), 20_000).get("state").asText())
        .isEqualTo("caller_on_hold");
    long held = System.currentTimeMillis();
    assertThat(c.callerEars().awaitAudible(c.assistant(), held, 100, 20_000)).as("the caller hears hold audio").isTrue();
    assertThat(c.callerEars().audible("alice", held + 500, System.currentTimeMillis())).as("caller hears A on hold").isEmpty();
    return started;
  }

  /** After the transfer ended: the caller hears A again (600 Hz) and no more hold audio; H is gone. */
  private static void backToA(TransferRig rig, Call c, JsonNode started) throws Exception {
    long back = System.currentTimeMillis();
    assertThat(c.callerEars().awaitAudible("alice", back, 100, 20_000)).as("caller hears A again").isTrue();
    assertThat(Ears.pitch(c.callerEars().audible("alice", back, Long.MAX_VALUE))).isCloseTo(600, within(5.0));
    assertNoHoldAudio(c.callerEars(), c.assistant(), back, "the caller");
    assertThat(rig.awaitIdentities(started.get("newRoom").asText(), List::isEmpty, 15_000)).as("H deleted, B out of it").isEmpty();
    assertThat(rig.identities(c.room())).contains("caller-1", "alice");
  }

  /** Nobody is left on hold: from shortly after {@code from}, nothing of the assistant is heard. */
  private static void assertNoHoldAudio(Ears ears, String assistant, long from, String who) throws InterruptedException {
    Thread.sleep(Math.max(0, from + 4_000 - System.currentTimeMillis()));
    assertThat(ears.audible(assistant, from + 1_500, from + 4_000)).as("hold audio heard by " + who + " after the end").isEmpty();
  }

  @Test
  void declinedTheCallerHearsAAgainAndTheHandoffRoomIsGone() throws Exception {
    try (TransferRig rig = TransferRig.withWorker("e2e-decline")) {
      Call c = call(rig, "e2e-decline-" + UUID.randomUUID().toString().substring(0, 8));
      JsonNode started = onHold(rig, c, "Customer: order 7781 never arrived.");
      String id = started.get("transferId").asText();
      rig.join(started.get("agentBToken").asText(), new Ears());
      assertThat(rig.await(id, t -> !t.get("state").asText().equals("caller_on_hold"), 30_000).get("state").asText())
          .isIn("agent_b_joined", "briefed");

      JsonNode declined = rig.post("/transfers/" + id + "/decline", "{\"reason\":\"not my team\"}");
      assertThat(declined.get("state").asText()).isEqualTo("declined");
      assertThat(declined.get("reason").asText()).isEqualTo("not my team");
      backToA(rig, c, started);
    }
  }

  @Test
  void canceledTheCallerHearsAAgainAndTheHandoffRoomIsGone() throws Exception {
    try (TransferRig rig = TransferRig.withWorker("e2e-cancel")) {
      Call c = call(rig, "e2e-cancel-" + UUID.randomUUID().toString().substring(0, 8));
      JsonNode started = onHold(rig, c, "Customer: my card ending 2291 was declined.");
      String id = started.get("transferId").asText();
      rig.join(started.get("agentBToken").asText(), new Ears());
      rig.await(id, t -> !t.get("state").asText().equals("caller_on_hold"), 30_000);

      JsonNode canceled = rig.post("/transfers/" + id + "/cancel", "");
      assertThat(canceled.get("state").asText()).isEqualTo("canceled");
      backToA(rig, c, started);
    }
  }

  @Test
  void timedOutAndCallerLeftEndTheirTransfersAndDeleteTheHandoffRooms() throws Exception {
    try (TransferRig rig = TransferRig.withWorker("e2e-timeout", ConfigOverride.config("transfers.agentBJoinTimeout", "5s"))) {
      Call c = call(rig, "e2e-timeout-" + UUID.randomUUID().toString().substring(0, 8));

      // B never joins: timed_out after 5 s, and the caller hears A again.
      JsonNode first = onHold(rig, c, "Customer: claim 3310 is pending.");
      JsonNode out = rig.awaitState(first.get("transferId").asText(), "timed_out", 30_000);
      assertThat(out.get("state").asText()).isEqualTo("timed_out");
      backToA(rig, c, first);

      // A second transfer at once; the caller hangs up while B is in H: caller_left.
      JsonNode second = onHold(rig, c, "Customer: claim 3310 is pending.");
      String id = second.get("transferId").asText();
      assertThat(second.get("newRoom").asText()).isNotEqualTo(first.get("newRoom").asText());
      rig.join(second.get("agentBToken").asText(), new Ears());
      rig.await(id, t -> !t.get("state").asText().equals("caller_on_hold"), 20_000);
      assertThat(c.aliceEars().awaitAudible(c.assistant(), System.currentTimeMillis(), 50, 10_000))
          .as("A hears the hold audio too").isTrue();
      rig.leave(c.caller());
      JsonNode left = rig.awaitState(id, "caller_left", 20_000);
      assertThat(left.get("state").asText()).isEqualTo("caller_left");
      assertNoHoldAudio(c.aliceEars(), c.assistant(), System.currentTimeMillis(), "A");
      assertThat(rig.awaitIdentities(second.get("newRoom").asText(), List::isEmpty, 20_000)).as("H deleted").isEmpty();
    }
  }

  @Test
  void moveCallerTheCallersPageIsToldAndTheCallerEndsUpWithBInTheHandoffRoom() throws Exception {
    try (TransferRig rig = TransferRig.withWorker("e2e-move")) {
      String room = "e2e-move-" + UUID.randomUUID().toString().substring(0, 8);
      Ears callerEars = new Ears();
      Room caller = rig.join("caller-1", room, "caller", callerEars);
      rig.join("alice", room, "agent", new Ears());
      JsonNode started = rig.startTransfer(room, "alice", "bob", Map.of("mode", "move-caller", "transcript",
          "Customer: invoice 5512 is wrong."));
      String id = started.get("transferId").asText();
      String h = started.get("newRoom").asText();
      rig.awaitState(id, "caller_on_hold", 20_000);
      Room bob = rig.join(started.get("agentBToken").asText(), new Ears());
      bob.play(TestAudio.tone(800, 60_000, 48_000, 0.3), 48_000);

      // The seed's endpoint; the caller's page is told over wt.move and follows it.
      JsonNode moved = rig.post("/move-caller", Map.of("callerIdentity", "caller-1", "newRoom", h));
      assertThat(moved.get("token").asText()).isNotBlank();
      Map.Entry<String, String> move = null;
      long end = System.currentTimeMillis() + 15_000;
      while (System.currentTimeMillis() < end && (move == null || !move.getKey().equals("wt.move"))) {
        move = callerEars.data.poll(500, TimeUnit.MILLISECONDS);
      }
      assertThat(move).as("the caller's page got wt.move").isNotNull();
      JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(move.getValue());
      assertThat(body.get("room").asText()).isEqualTo(h);
      Ears movedEars = new Ears();
      rig.leave(caller);
      rig.join(body.get("wsUrl").asText(), body.get("token").asText(), movedEars, dev.warmtransfer.bot.room.RoomOptions.defaults());
      long arrived = System.currentTimeMillis();
      assertThat(rig.awaitState(id, "completed", 30_000).get("state").asText()).isEqualTo("completed");
      assertThat(movedEars.awaitPitchedFromHumans(arrived, 800, 100, 20_000)).as("the caller hears B in H").isGreaterThanOrEqualTo(100);
      assertThat(rig.awaitIdentities(room, l -> !l.contains("alice"), 15_000)).doesNotContain("alice");
      assertThat(rig.awaitIdentities(h, l -> !l.contains("alice"), 15_000)).contains("caller-1", "bob").doesNotContain("alice");
    }
  }
}
