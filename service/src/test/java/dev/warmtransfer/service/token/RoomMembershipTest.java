package dev.warmtransfer.service.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.service.support.SignalRecorder;
import dev.warmtransfer.testkit.LiveKitServer;
import livekit.LivekitRtc;
import livekit.LivekitRtc.SignalResponse.MessageCase;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 10, "a token for a room is only minted for someone who belongs in it": outside dev mode a
 * signed-in agent gets a token for a call room it took and for the rooms of open transfers it is
 * part of, and for nothing else; LiveKit admits what is minted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoomMembershipTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private LiveKitServer livekit;
  private ServiceUnderTest service;
  private ServiceUnderTest.Client alice;
  private ServiceUnderTest.Client bob;
  private ServiceUnderTest.Client carol;

  @BeforeAll
  void start() throws Exception {
    livekit = LiveKitServer.start();
    service = new ServiceUnderTest(livekit); // devMode false, as in production
    service.addAgent("alice", "Alice Archer", "billing", "alice-password-1");
    service.addAgent("bob", "Bob Baker", "support", "bob-password-22");
    service.addAgent("carol", "Carol Clay", "support", "carol-password-3");
    alice = service.asAgent("alice", "alice-password-1");
    bob = service.asAgent("bob", "bob-password-22");
    carol = service.asAgent("carol", "carol-password-3");
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
    if (livekit != null) {
      livekit.close();
    }
  }

  private static JsonNode json(Response r) throws Exception {
    try (r) {
      return JSON.readTree(r.body().string());
    }
  }

  private static Response token(ServiceUnderTest.Client agent, String identity, String room) throws Exception {
    return agent.post("/token", "{\"identity\":\"" + identity + "\",\"room\":\"" + room + "\",\"role\":\"agent\"}");
  }

  private static void assertRefused(Response r, String why) throws Exception {
    try (r) {
      assertThat(r.code()).as(why).isEqualTo(403);
      JsonNode error = JSON.readTree(r.body().string());
      assertThat(error.get("field").asText()).as(why).isEqualTo("room");
      assertThat(error.get("error").asText()).as(why).contains("POST /calls/{room}/take");
    }
  }

  private static String minted(Response r, String why) throws Exception {
    try (r) {
      String body = r.body().string();
      assertThat(r.code()).as(why + ": " + body).isEqualTo(200);
      return JSON.readTree(body).get("token").asText();
    }
  }

  private JsonNode transfer(String fromRoom, String agentB) throws Exception {
    JsonNode started = json(alice.post("/transfer", "{\"fromRoom\":\"" + fromRoom + "\",\"agentA\":\"agent-alice\","
        + "\"agentB\":\"" + agentB + "\",\"transcript\":\"Caller: my card 4111 was charged twice.\"}"));
    assertThat(started.path("transferId").asText()).as(started.toString()).isNotBlank();
    assertThat(started.path("newRoom").asText()).isNotBlank();
    return started;
  }

  private void cancel(JsonNode transfer) throws Exception {
    JsonNode canceled = json(alice.post("/transfers/" + transfer.get("transferId").asText() + "/cancel", ""));
    assertThat(canceled.path("state").asText()).as(canceled.toString()).isEqualTo("canceled");
  }

  @Test
  void anAgentGetsTokensOnlyForRoomsItBelongsIn() throws Exception {
    String call = json(service.anonymous().post("/calls", "")).get("room").asText();
    try (Response took = alice.post("/calls/" + call + "/take", "")) {
      assertThat(took.code()).isEqualTo(200);
    }

    // Alice took the call: she may rejoin it. Bob may not, nor enter a room he merely names.
    minted(token(alice, "agent-alice", call), "the taker in her call room");
    assertRefused(token(bob, "agent-bob", call), "alice's call room");
    assertRefused(token(bob, "agent-bob", "desk-" + System.nanoTime()), "a random room");

    // A transfer to Carol: its handoff room is Alice's and Carol's, not Bob's.
    JsonNode toCarol = transfer(call, "agent-carol");
    String h1 = toCarol.get("newRoom").asText();
    minted(token(alice, "agent-alice", h1), "agent A in her handoff room");
    minted(token(carol, "agent-carol", h1), "agent B in the handoff room");
    assertRefused(token(bob, "agent-bob", h1), "a handoff room of someone else's transfer");
    cancel(toCarol);
    assertRefused(token(carol, "agent-carol", h1), "the handoff room of a canceled transfer");

    // Once Bob is Agent B of an open transfer he gets its handoff room, and LiveKit admits him.
    JsonNode toBob = transfer(call, "agent-bob");
    String h2 = toBob.get("newRoom").asText();
    String bobToken = minted(token(bob, "agent-bob", h2), "agent B in the handoff room");
    try (SignalRecorder join = SignalRecorder.open(service.http, livekit.wsUrl(), bobToken)) {
      LivekitRtc.SignalResponse joined = join.await(MessageCase.JOIN, 10_000);
      assertThat(joined.getJoin().getRoom().getName()).isEqualTo(h2);
      assertThat(joined.getJoin().getParticipant().getIdentity()).isEqualTo("agent-bob");
    }
    // The caller's room is still Alice's until B accepts (accepting hands B its token for it).
    assertRefused(token(bob, "agent-bob", call), "the caller's room before accepting");
    cancel(toBob);
    assertRefused(token(bob, "agent-bob", h2), "the handoff room after the transfer ended");
    minted(token(alice, "agent-alice", call), "the taker, after the transfers");
  }

  @Test
  void agentAGetsTheCallersRoomOfItsOpenTransfer() throws Exception {
    // A room the CRM made (no waiting call); the CRM's key starts a transfer from it for Alice.
    String room = "crm-call-" + System.nanoTime();
    assertRefused(token(alice, "agent-alice", room), "a room before any transfer");
    JsonNode toBob = json(service.post("/transfer", "{\"fromRoom\":\"" + room + "\",\"agentA\":\"agent-alice\","
        + "\"agentB\":\"agent-bob\",\"transcript\":\"Caller: my card 4111 was charged twice.\"}"));
    assertThat(toBob.path("transferId").asText()).as(toBob.toString()).isNotBlank();
    minted(token(alice, "agent-alice", room), "agent A in the caller's room");
    assertRefused(token(bob, "agent-bob", room), "agent B in the caller's room before accepting");
    cancel(toBob);
    assertRefused(token(alice, "agent-alice", room), "agent A after the transfer ended");
  }

  @Test
  void noAgentReachesAnotherAgentsCallThroughATransferOrACallLink() throws Exception {
    String call = json(service.anonymous().post("/calls", "")).get("room").asText();
    try (Response took = alice.post("/calls/" + call + "/take", "")) {
      assertThat(took.code()).isEqualTo(200);
    }
    // Starting a transfer from Alice's call would make Bob its Agent A, with a token for it.
    try (Response r = bob.post("/transfer", "{\"fromRoom\":\"" + call + "\",\"agentA\":\"agent-bob\","
        + "\"agentB\":\"agent-carol\",\"transcript\":\"Caller: hello.\"}")) {
      assertThat(r.code()).isEqualTo(403);
      assertThat(JSON.readTree(r.body().string()).get("field").asText()).isEqualTo("fromRoom");
    }
    assertRefused(token(bob, "agent-bob", call), "alice's call room after a refused transfer");
    // A call link for Alice's room would make it Bob's call; for a new room it does.
    try (Response r = bob.post("/call-links", "{\"room\":\"" + call + "\"}")) {
      assertThat(r.code()).isEqualTo(403);
      assertThat(JSON.readTree(r.body().string()).get("field").asText()).isEqualTo("room");
    }
    String callback = "callback-" + System.nanoTime();
    try (Response r = bob.post("/call-links", "{\"room\":\"" + callback + "\"}")) {
      assertThat(r.code()).isEqualTo(200);
    }
    minted(token(bob, "agent-bob", callback), "the agent who made the call link");
    assertRefused(token(alice, "agent-alice", callback), "another agent's call-link room");
  }

  @Test
  void aKeyWithTheTokensRightStillMintsAnything() throws Exception {
    minted(service.post("/token", "{\"identity\":\"agent-bob\",\"room\":\"any-room-at-all\",\"role\":\"agent\"}"),
        "the seed's API with a full-rights key");
  }
}
