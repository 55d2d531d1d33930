package dev.warmtransfer.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.service.support.Ears;
import dev.warmtransfer.service.support.TransferRig;
import dev.warmtransfer.testkit.TestAudio;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A caller whose app reconnects during a transfer (a network change: livekit-client then joins
 * again as a new session of the same identity, and LiveKit drops the old one) is the same caller,
 * not a hang-up: the transfer goes on, the new session is on hold and never hears A, and B takes
 * the call. Checked by ear with the real worker, LiveKit and its webhooks.
 */
@EnabledIfEnvironmentVariable(named = "WT_TEST_IP", matches = ".+", disabledReason = "needs the test network: scripts/testnet.sh exec ...")
class CallerReconnectTest {
  @Test
  void aCallerWhoReconnectsDuringTheBriefingStaysOnHoldAndEndsUpWithB() throws Exception {
    try (TransferRig rig = TransferRig.withWorker("caller-reconnect")) {
      String room = "reconnect-" + UUID.randomUUID().toString().substring(0, 8);
      Ears firstEars = new Ears();
      Room caller = rig.join("caller-1", room, "caller", firstEars);
      Room alice = rig.join("alice", room, "agent", new Ears());
      alice.play(TestAudio.tone(600, 120_000, 48_000, 0.3), 48_000);
      assertThat(firstEars.awaitAudible("alice", System.currentTimeMillis(), 100, 30_000)).as("caller hears A").isTrue();
      String assistant = rig.awaitAssistant(room, 30_000);
      JsonNode started = rig.startTransfer(room, "alice", "bob", Map.of("transcript", "Customer: parcel 4410 came damaged."));
      String id = started.get("transferId").asText();
      rig.awaitState(id, "caller_on_hold", 20_000);
      assertThat(firstEars.awaitAudible(assistant, System.currentTimeMillis(), 100, 20_000)).as("the caller hears hold audio").isTrue();
      Ears bobEars = new Ears();
      Room bobInH = rig.join(started.get("agentBToken").asText(), bobEars);
      rig.await(id, t -> !t.get("state").asText().equals("caller_on_hold"), 30_000);

      // The caller's app reconnects: a new session, same identity; LiveKit drops the old one.
      String oldSid = rig.sid(room, "caller-1");
      Ears callerEars = new Ears();
      Room again = rig.join("caller-1", room, "caller", callerEars);
      long back = System.currentTimeMillis();
      assertThat(again.participantSid()).isNotEqualTo(oldSid);
      assertThat(callerEars.awaitAudible(assistant, back, 100, 20_000)).as("the returned caller hears hold audio").isTrue();
      Thread.sleep(3_000);
      assertThat(callerEars.audible("alice", back + 1_000, System.currentTimeMillis()))
          .as("the returned caller hears A on hold").isEmpty();
      JsonNode still = rig.get("/transfers/" + id);
      assertThat(still.get("state").asText()).as("timeline: " + still.get("timeline")).isIn("agent_b_joined", "briefed");
      assertThat(still.get("timeline")).extracting(n -> n.get("reason").asText()).contains("the caller is back");

      // B takes the call: the caller hears B (800 Hz), A is gone.
      long accepted = System.currentTimeMillis();
      JsonNode token = rig.post("/transfers/" + id + "/accept", "");
      rig.leave(bobInH);
      Room bobInR = rig.join(token.get("token").asText(), bobEars);
      bobInR.play(TestAudio.tone(800, 60_000, 48_000, 0.3), 48_000);
      assertThat(rig.awaitState(id, "completed", 30_000).get("state").asText()).isEqualTo("completed");
      assertThat(callerEars.awaitPitchedFromHumans(accepted, 800, 100, 20_000)).as("the caller hears B").isGreaterThanOrEqualTo(100);
      assertThat(rig.awaitIdentities(room, l -> !l.contains("alice"), 15_000)).contains("caller-1", "bob").doesNotContain("alice");
      caller.close();
    }
  }
}
