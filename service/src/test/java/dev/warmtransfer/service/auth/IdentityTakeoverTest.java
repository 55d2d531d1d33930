package dev.warmtransfer.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.service.support.SignalRecorder;
import dev.warmtransfer.testkit.LiveKitServer;
import io.dropwizard.testing.ConfigOverride;
import livekit.LivekitModels;
import livekit.LivekitRtc;
import livekit.LivekitRtc.SignalResponse.MessageCase;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 10, "taking over an agent": a second join under a connected agent's identity makes LiveKit
 * drop the real agent. With identities decided by the service, no signed-in agent and no caller
 * can get such a token; two real joins show LiveKit's verdict both ways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityTakeoverTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROOM = "support-call-takeover";
  private LiveKitServer livekit;
  private ServiceUnderTest service;

  @BeforeAll
  void start() throws Exception {
    livekit = LiveKitServer.start();
    // Dev mode, so the seed's anonymous join form is there to be tried as well.
    service = new ServiceUnderTest(livekit, 0, ConfigOverride.config("devMode", "true"));
    service.addAgent("alice", "Alice Archer", "billing", "alice-password-1");
    service.addAgent("bob", "Bob Baker", "support", "bob-password-22");
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

  private static String tokenBody(String identity, String role) {
    return "{\"identity\":\"" + identity + "\",\"room\":\"" + ROOM + "\",\"role\":\"" + role + "\"}";
  }

  @Test
  void nobodyButAliceGetsAlicesIdentityAndAliceStaysConnected() throws Exception {
    ServiceUnderTest.Client alice = service.asAgent("alice", "alice-password-1");
    ServiceUnderTest.Client bob = service.asAgent("bob", "bob-password-22");
    String aliceToken = json(alice.post("/token", tokenBody("agent-alice", "agent"))).get("token").asText();

    try (SignalRecorder aliceJoin = SignalRecorder.open(service.http, livekit.wsUrl(), aliceToken)) {
      LivekitRtc.SignalResponse joined = aliceJoin.await(MessageCase.JOIN, 10_000);
      assertThat(joined.getJoin().getParticipant().getIdentity()).isEqualTo("agent-alice");

      // Every way through the API to a token for Alice's identity is closed.
      try (Response r = bob.post("/token", tokenBody("agent-alice", "agent"))) {
        assertThat(r.code()).isEqualTo(403);
        assertThat(JSON.readTree(r.body().string()).get("field").asText()).isEqualTo("identity");
      }
      try (Response r = service.anonymous().post("/token", tokenBody("agent-alice", "caller"))) {
        assertThat(r.code()).isEqualTo(403);
      }
      try (Response r = service.anonymous().post("/token", tokenBody("agent-alice", "agent"))) {
        assertThat(r.code()).isEqualTo(401);
      }

      // Bob joins the same room with what the service gives him: his own identity.
      String bobToken = json(bob.post("/token", tokenBody("agent-bob", "agent"))).get("token").asText();
      try (SignalRecorder bobJoin = SignalRecorder.open(service.http, livekit.wsUrl(), bobToken)) {
        LivekitRtc.SignalResponse bobJoined = bobJoin.await(MessageCase.JOIN, 10_000);
        assertThat(bobJoined.getJoin().getParticipant().getIdentity()).isEqualTo("agent-bob");
        assertThat(bobJoined.getJoin().getOtherParticipantsList())
            .extracting(LivekitModels.ParticipantInfo::getIdentity).contains("agent-alice");
        // LiveKit tells Alice to leave only on a duplicate identity: it must not happen.
        assertThat(aliceJoin.await(MessageCase.LEAVE, 3_000)).as("Alice is not disconnected").isNull();
      }

      // The control: a full-rights key may mint any identity (the seed's API), and then LiveKit
      // does drop Alice. This is why that right belongs to trusted keys only.
      String minted = json(service.post("/token", tokenBody("agent-alice", "agent"))).get("token").asText();
      try (SignalRecorder impostor = SignalRecorder.open(service.http, livekit.wsUrl(), minted)) {
        assertThat(impostor.await(MessageCase.JOIN, 10_000)).isNotNull();
        LivekitRtc.SignalResponse leave = aliceJoin.await(MessageCase.LEAVE, 10_000);
        assertThat(leave).as("LiveKit drops the first agent-alice").isNotNull();
        assertThat(leave.getLeave().getReason()).isEqualTo(LivekitModels.DisconnectReason.DUPLICATE_IDENTITY);
      }
    }
  }

  @Test
  void agentAStartingATransferGetsNoTokenInAgentBsName() throws Exception {
    ServiceUnderTest.Client alice = service.asAgent("alice", "alice-password-1");
    String body = "{\"fromRoom\":\"" + ROOM + "-x\",\"agentA\":\"agent-alice\",\"agentB\":\"agent-bob\","
        + "\"transcript\":\"Caller: my account 12345 was charged twice.\"}";
    JsonNode started = json(alice.post("/transfer", body));
    assertThat(started.path("transferId").asText()).isNotBlank();
    assertThat(started.path("agentAToken").asText()).isNotBlank();
    // With B's token, A could join the handoff room as B (and push B out of it); B asks for its own.
    assertThat(started.has("agentBToken") && !started.get("agentBToken").isNull()).isFalse();
    // A full-rights key acts for both agents, as the seed's API did.
    body = body.replace(ROOM + "-x", ROOM + "-y");
    assertThat(json(service.post("/transfer", body)).path("agentBToken").asText()).isNotBlank();
  }

  @Test
  void inDevModeTheSeedsJoinFormStillGivesACallerTokenForTheNamedRoom() throws Exception {
    JsonNode body = json(service.anonymous().post("/token", "{\"identity\":\"caller-55\",\"room\":\"demo-room\"}"));
    try (SignalRecorder join = SignalRecorder.open(service.http, livekit.wsUrl(), body.get("token").asText())) {
      LivekitRtc.SignalResponse joined = join.await(MessageCase.JOIN, 10_000);
      assertThat(joined.getJoin().getRoom().getName()).isEqualTo("demo-room");
      assertThat(joined.getJoin().getParticipant().getPermission().getCanPublishData()).isFalse();
    }
  }

  @Test
  void devModeCreatesNoDemoAgentsWithoutADemoPassword() {
    // The agents here are the test's own two; the bootstrap added none (no WT_DEMO_PASSWORD).
    assertThat(new AuthStore(service.application().database().jdbi(), java.time.Clock.systemUTC()).agentCount())
        .isEqualTo(2);
  }
}
