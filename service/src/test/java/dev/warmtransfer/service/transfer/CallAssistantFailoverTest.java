package dev.warmtransfer.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warmtransfer.service.support.Ears;
import dev.warmtransfer.service.support.TransferRig;
import dev.warmtransfer.testkit.TestAudio;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The worker running a call's assistant dies while the caller is on hold. LiveKit moves no job to
 * another worker, so the service dispatches a new assistant, and the new one, arriving in the
 * middle of the hold, plays hold audio to the caller (and stops it when the transfer ends). By
 * ear, with real worker processes (the dead one SIGKILLed), LiveKit and its webhooks.
 */
@EnabledIfEnvironmentVariable(named = "WT_TEST_IP", matches = ".+", disabledReason = "needs the test network: scripts/testnet.sh exec ...")
class CallAssistantFailoverTest {
  @Test
  void aCallAssistantLostDuringHoldIsReplacedAndTheCallerHearsHoldAudioAgain() throws Exception {
    String room = "assistant-failover-" + UUID.randomUUID().toString().substring(0, 8);
    try (TransferRig rig = TransferRig.start("assistant-failover")) {
      // One worker with room for one job takes the call assistant; another waits for the rest.
      Process first = rig.startWorker(Map.of("WT_WORKER_MAX_JOBS", "1"));
      Ears callerEars = new Ears();
      rig.join("caller-1", room, "caller", callerEars);
      rig.join("alice", room, "agent", new Ears()).play(TestAudio.tone(600, 180_000, 48_000, 0.3), 48_000);
      assertThat(callerEars.awaitAudible("alice", System.currentTimeMillis(), 100, 30_000)).as("caller hears A").isTrue();
      String assistant = rig.awaitAssistant(room, 30_000);
      rig.startWorker(Map.of());

      JsonNode started = rig.startTransfer(room, "alice", "bob", Map.of("transcript", "Customer: my meter reads 7710 twice."));
      String id = started.get("transferId").asText();
      rig.awaitState(id, "caller_on_hold", 20_000);
      long held = System.currentTimeMillis();
      assertThat(callerEars.awaitAudible(assistant, held, 100, 20_000)).as("hold audio").isTrue();
      Thread.sleep(2_000);
      assertThat(callerEars.audible("alice", held + 500, System.currentTimeMillis())).as("caller hears A on hold").isEmpty();

      first.destroyForcibly(); // SIGKILL: the assistant just vanishes
      long killed = System.currentTimeMillis();
      List<String> in = rig.awaitIdentities(room, l -> l.stream().anyMatch(i -> i.startsWith("wt-assistant-") && !i.equals(assistant)), 90_000);
      String second = in.stream().filter(i -> i.startsWith("wt-assistant-") && !i.equals(assistant)).findFirst()
          .orElseThrow(() -> new AssertionError("no new call assistant in " + room + "; in it: " + in));
      assertThat(callerEars.awaitAudible(second, killed, 100, 30_000)).as("the new assistant's hold audio; heard: " + callerEars.sources(killed)).isTrue();
      System.out.printf("assistant %s killed; %s playing hold audio %d ms later%n", assistant, second,
          callerEars.audible(second, killed, Long.MAX_VALUE).get(0).atMs() - killed);
      long now = System.currentTimeMillis();
      assertThat(callerEars.audible("alice", killed + 500, now)).as("caller hears A on hold").isEmpty();
      assertThat(rig.get("/transfers/" + id).get("state").asText()).isIn("caller_on_hold", "agent_b_joined");

      // The transfer ends: the new assistant stops its hold audio and the caller hears A again.
      rig.post("/transfers/" + id + "/cancel", "");
      long back = System.currentTimeMillis();
      assertThat(callerEars.awaitAudible("alice", back, 100, 20_000)).as("caller hears A again").isTrue();
      Thread.sleep(Math.max(0, back + 4_000 - System.currentTimeMillis()));
      assertThat(callerEars.audible(second, back + 1_500, back + 4_000)).as("hold audio after the end").isEmpty();
    }
  }
}
