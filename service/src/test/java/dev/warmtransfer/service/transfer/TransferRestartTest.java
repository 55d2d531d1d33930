package dev.warmtransfer.service.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.service.support.SignalRecorder;
import dev.warmtransfer.service.support.SignedWebhooks;
import dev.warmtransfer.testkit.LiveKitExtension;
import io.dropwizard.testing.ConfigOverride;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import livekit.LivekitRtc.SignalResponse.MessageCase;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service restarts in the middle of a transfer (same database, same LiveKit): timers still
 * fire, and a transfer whose Agent B joined before the restart is accepted and completed after it.
 */
class TransferRestartTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ServiceUnderTest service(String db, String bJoinTimeout) throws Exception {
    return new ServiceUnderTest(LIVEKIT.server(), 0, db,
        ConfigOverride.config("transfers.agentBJoinTimeout", bJoinTimeout));
  }

  private static JsonNode json(Response r) throws Exception {
    try (r) {
      return JSON.readTree(r.body().string());
    }
  }

  private static SignalRecorder join(ServiceUnderTest s, String identity, String room, String role) throws Exception {
    String token = json(s.post("/token",
        JSON.writeValueAsString(Map.of("identity", identity, "room", room, "role", role)))).get("token").asText();
    SignalRecorder p = SignalRecorder.open(s.http, LIVEKIT.server().wsUrl(), token);
    assertThat(p.await(MessageCase.JOIN, 10_000)).isNotNull();
    return p;
  }

  private static JsonNode awaitTransfer(ServiceUnderTest s, String id, Predicate<JsonNode> until) throws Exception {
    long end = System.currentTimeMillis() + 20_000;
    JsonNode t = json(s.get("/transfers/" + id));
    while (!until.test(t) && System.currentTimeMillis() < end) {
      Thread.sleep(100);
      t = json(s.get("/transfers/" + id));
    }
    return t;
  }

  private static boolean roomExists(ServiceUnderTest s, String room) throws Exception {
    return json(s.post("/list-rooms", "")).get("rooms").toString().contains("\"" + room + "\"");
  }

  @Test
  void agentBsDeadlineFiresAfterARestart() throws Exception {
    String db = "jdbc:h2:file:./target/test-db/restart-" + UUID.randomUUID();
    String room = "restart-timer-" + UUID.randomUUID().toString().substring(0, 8);
    String id;
    try (SignalRecorder caller = join(firstCallerService(db), "caller-1", room, "caller")) {
      ServiceUnderTest first = lastStarted;
      id = json(first.post("/transfer", JSON.writeValueAsString(Map.of(
          "fromRoom", room, "agentA", "alice", "agentB", "bob", "transcript", "Account 4417 is locked.")))).get("transferId").asText();
      JsonNode held = awaitTransfer(first, id, t -> t.get("state").asText().equals("caller_on_hold"));
      assertThat(held.get("callerIdentity").asText()).isEqualTo("caller-1");
      first.close();

      // The deadline (3 s after the request) passes while no service runs.
      Thread.sleep(3_500);
      try (ServiceUnderTest second = service(db, "3s")) {
        JsonNode t = awaitTransfer(second, id, x -> x.get("state").asText().equals("timed_out"));
        assertThat(t.get("state").asText()).isEqualTo("timed_out");
        JsonNode last = t.get("timeline").get(t.get("timeline").size() - 1);
        assertThat(last.get("by").asText()).isEqualTo("timer");
        assertThat(last.get("reason").asText()).isEqualTo("agent B did not join within 3 s");
        String h = t.get("newRoom").asText();
        long end = System.currentTimeMillis() + 10_000;
        while (roomExists(second, h) && System.currentTimeMillis() < end) {
          Thread.sleep(100);
        }
        assertThat(roomExists(second, h)).as("the handoff room is deleted").isFalse();
      }
    }
  }

  private ServiceUnderTest lastStarted;

  private ServiceUnderTest firstCallerService(String db) throws Exception {
    lastStarted = service(db, "3s");
    return lastStarted;
  }

  @Test
  void aTransferWhoseAgentBJoinedBeforeARestartIsAcceptedAfterIt() throws Exception {
    String db = "jdbc:h2:file:./target/test-db/restart-" + UUID.randomUUID();
    String room = "restart-accept-" + UUID.randomUUID().toString().substring(0, 8);
    ServiceUnderTest first = service(db, "60s");
    try (SignalRecorder caller = join(first, "caller-2", room, "caller");
        SignalRecorder alice = join(first, "alice", room, "agent")) {
      JsonNode started = json(first.post("/transfer", JSON.writeValueAsString(Map.of(
          "fromRoom", room, "agentA", "alice", "agentB", "bob", "transcript", "Card ending 9921 was charged twice."))));
      String id = started.get("transferId").asText();
      String h = started.get("newRoom").asText();
      awaitTransfer(first, id, t -> t.get("state").asText().equals("caller_on_hold"));
      // LiveKit's webhook for B joining H (signed as LiveKit signs it).
      new SignedWebhooks(first).send(SignedWebhooks.participant("participant_joined", h, "bob", Map.of("role", "agent"))).close();
      assertThat(awaitTransfer(first, id, t -> t.get("state").asText().equals("agent_b_joined")).get("state").asText())
          .isEqualTo("agent_b_joined");
      first.close();

      try (ServiceUnderTest second = service(db, "60s")) {
        JsonNode accepted = json(second.post("/transfers/" + id + "/accept", ""));
        assertThat(accepted.get("room").asText()).as("B's token is for the caller's room").isEqualTo(room);
        try (SignalRecorder bob = SignalRecorder.open(second.http, LIVEKIT.server().wsUrl(), accepted.get("token").asText())) {
          assertThat(bob.await(MessageCase.JOIN, 10_000).getJoin().getRoom().getName()).isEqualTo(room);
          new SignedWebhooks(second).send(SignedWebhooks.participant("participant_joined", room, "bob", Map.of("role", "agent"))).close();
          JsonNode done = awaitTransfer(second, id, t -> t.get("state").asText().equals("completed"));
          assertThat(done.get("state").asText()).isEqualTo("completed");
          // B here publishes nothing (signalling only): the second "accepted" row notes B in the
          // caller's room, and the microphone grace completes it.
          assertThat(done.get("timeline")).extracting(n -> n.get("state").asText())
              .containsExactly("requested", "caller_on_hold", "agent_b_joined", "accepted", "accepted", "completed");
          // Agent A is taken out of R, H is deleted; the caller is still there, untouched.
          long end = System.currentTimeMillis() + 10_000;
          while ((roomExists(second, h) || participants(second, room).contains("alice")) && System.currentTimeMillis() < end) {
            Thread.sleep(100);
          }
          assertThat(roomExists(second, h)).isFalse();
          assertThat(participants(second, room)).contains("caller-2", "bob").doesNotContain("alice");
        }
      }
    }
  }

  private static String participants(ServiceUnderTest s, String room) throws Exception {
    // Through LiveKit's own API, not our state.
    return new dev.warmtransfer.service.livekit.LiveKitControl(s.app.getConfiguration().getLivekit()).participants(room)
        .stream().map(p -> p.getIdentity()).toList().toString();
  }
}
