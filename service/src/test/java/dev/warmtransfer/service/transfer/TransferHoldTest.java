package dev.warmtransfer.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.bot.room.Room;
import dev.warmtransfer.bot.room.RoomOptions;
import dev.warmtransfer.service.support.Ears;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.testkit.LiveKitExtension;
import dev.warmtransfer.testkit.TestAudio;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hold, by ear: the caller hears Agent A, stops hearing A once the transfer puts the caller on
 * hold (LiveKit UpdateSubscriptions, server-side; A's browser does nothing), and hears A again when
 * A cancels. Java participants with real media through the real LiveKit.
 */
@EnabledIfEnvironmentVariable(named = "WT_TEST_IP", matches = ".+", disabledReason = "needs the test network: scripts/testnet.sh exec ...")
class TransferHoldTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(Response r) throws Exception {
    try (r) {
      return JSON.readTree(r.body().string());
    }
  }

  private static Room join(ServiceUnderTest s, String identity, String room, String role, Ears ears) throws Exception {
    String token = json(s.post("/token", JSON.writeValueAsString(Map.of("identity", identity, "room", room, "role", role))))
        .get("token").asText();
    return Room.connect(LIVEKIT.server().wsUrl(), token, RoomOptions.defaults(), ears);
  }

  private static JsonNode await(ServiceUnderTest s, String id, Predicate<JsonNode> until) throws Exception {
    long end = System.currentTimeMillis() + 20_000;
    JsonNode t = json(s.get("/transfers/" + id));
    while (!until.test(t) && System.currentTimeMillis() < end) {
      Thread.sleep(50);
      t = json(s.get("/transfers/" + id));
    }
    return t;
  }

  @Test
  void theCallerStopsHearingAgentAOnHoldAndHearsAAgainAfterACancel() throws Exception {
    String room = "hold-" + UUID.randomUUID().toString().substring(0, 8);
    Ears callerEars = new Ears();
    try (ServiceUnderTest service = new ServiceUnderTest(LIVEKIT.server());
        Room caller = join(service, "caller-1", room, "caller", callerEars);
        Room alice = join(service, "alice", room, "agent", new Ears())) {
      // Agent A talks without pause (a 600 Hz tone) the whole time.
      alice.play(TestAudio.tone(600, 40_000, 48_000, 0.3), 48_000);
      long start = System.currentTimeMillis();
      assertThat(callerEars.awaitAudible("alice", start, 100, 20_000)).as("the caller hears A before the transfer").isTrue();
      assertThat(Ears.pitch(callerEars.audible("alice", start, Long.MAX_VALUE))).isCloseTo(600, within(5.0));

      // No callerIdentity given: the service finds the one caller in the room by its token's role.
      JsonNode started = json(service.post("/transfer", JSON.writeValueAsString(Map.of(
          "fromRoom", room, "agentA", "alice", "agentB", "bob", "transcript", "Customer: my account 5521 is locked."))));
      String id = started.get("transferId").asText();
      JsonNode held = await(service, id, t -> t.get("state").asText().equals("caller_on_hold"));
      assertThat(held.get("state").asText()).isEqualTo("caller_on_hold");
      assertThat(held.get("callerIdentity").asText()).isEqualTo("caller-1");
      long heldAt = System.currentTimeMillis();
      Thread.sleep(3_000);
      // A is still talking, but nothing of A reaches the caller (a short margin for packets in flight).
      assertThat(callerEars.audible("alice", heldAt + 500, heldAt + 3_000)).as("A heard by the caller on hold").isEmpty();

      JsonNode canceled = json(service.post("/transfers/" + id + "/cancel", ""));
      assertThat(canceled.get("state").asText()).isEqualTo("canceled");
      long back = System.currentTimeMillis();
      assertThat(callerEars.awaitAudible("alice", back, 100, 15_000)).as("the caller hears A again").isTrue();
      assertThat(Ears.pitch(callerEars.audible("alice", back, Long.MAX_VALUE))).isCloseTo(600, within(5.0));
    }
  }
}
