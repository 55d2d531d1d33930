package dev.warmtransfer.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.service.support.SignalRecorder;
import dev.warmtransfer.testkit.LiveKitServer;
import java.util.List;
import java.util.Map;
import livekit.LivekitRtc;
import livekit.LivekitRtc.SignalResponse.MessageCase;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Issue 10: agents sign in with a password stored as bcrypt; the service decides their identity. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentSignInTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICE_PASSWORD = "alice-correct-horse-1";
  private static final String BOB_PASSWORD = "bob-battery-staple-22";
  private LiveKitServer livekit;
  private ServiceUnderTest service;

  @BeforeAll
  void start() throws Exception {
    livekit = LiveKitServer.start();
    service = new ServiceUnderTest(livekit);
    service.addAgent("alice", "Alice Archer", "billing", ALICE_PASSWORD);
    service.addAgent("bob", "Bob Baker", "support", BOB_PASSWORD);
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

  /** The status, with the response closed: an unread body must not stay on a pooled connection. */
  private static int code(Response r) {
    try (r) {
      return r.code();
    }
  }

  private static JsonNode json(Response r) throws Exception {
    try (r) {
      return JSON.readTree(r.body().string());
    }
  }

  private Response login(String username, String password) throws Exception {
    return service.anonymous().post("/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
  }

  @Test
  void signingInGivesAStrictHttpOnlyCookieAndTheSameSessionAsABearerToken() throws Exception {
    Response r = login("alice", ALICE_PASSWORD);
    assertThat(r.code()).isEqualTo(200);
    String cookie = r.header("Set-Cookie");
    assertThat(r.header("Cache-Control")).contains("no-store");
    JsonNode body = json(r);
    assertThat(body.get("agent").get("username").asText()).isEqualTo("alice");
    assertThat(body.get("agent").get("identity").asText()).isEqualTo("agent-alice");
    assertThat(body.get("agent").get("name").asText()).isEqualTo("Alice Archer");
    assertThat(body.get("agent").get("team").asText()).isEqualTo("billing");
    String token = body.get("token").asText();

    assertThat(cookie).startsWith("wt_session=" + token + ";");
    assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
        .contains("Path=/").containsIgnoringCase("Secure").containsPattern("Max-Age=[1-9]");

    // The cookie, as a browser sends it back, and the bearer token: the same agent.
    try (Response me = service.anonymous().send(new Request.Builder().url(service.url("/me"))
        .header("Cookie", "wt_session=" + token).get())) {
      JsonNode who = JSON.readTree(me.body().string());
      assertThat(who.get("kind").asText()).isEqualTo("agent");
      assertThat(who.get("identity").asText()).isEqualTo("agent-alice");
      assertThat(who.get("team").asText()).isEqualTo("billing");
    }
    assertThat(json(service.as(token).get("/me")).get("identity").asText()).isEqualTo("agent-alice");
  }

  @Test
  void wrongPasswordAndUnknownNameGetTheSameAnswer() throws Exception {
    Response wrong = login("alice", "not-alices-password");
    Response unknown = login("mallory", "whatever-password");
    assertThat(wrong.code()).isEqualTo(401);
    assertThat(unknown.code()).isEqualTo(401);
    JsonNode a = json(wrong);
    assertThat(a).isEqualTo(json(unknown));
    assertThat(a.get("field").asText()).isEqualTo("password");
    assertThat(wrong.header("Set-Cookie")).isNull();
  }

  @Test
  void anAgentsIdentityHasItsDisplayNameForWhatCallersHear() {
    AuthStore store = new AuthStore(service.application().database().jdbi(), java.time.Clock.systemUTC());
    assertThat(store.displayNameOf("agent-bob")).contains("Bob Baker");
    assertThat(store.displayNameOf("agent-nobody")).isEmpty();
    assertThat(store.displayNameOf("bob")).as("not an agent's identity").isEmpty();
  }

  @Test
  void passwordsAndSessionTokensAreStoredOnlyAsHashes() throws Exception {
    String token = json(login("bob", BOB_PASSWORD)).get("token").asText();
    var jdbi = service.application().database().jdbi();
    String hash = jdbi.withHandle(h ->
        h.createQuery("select password_hash from agents where username = 'bob'").mapTo(String.class).one());
    assertThat(hash).startsWith("$2a$12$").doesNotContain(BOB_PASSWORD);
    assertThat(Passwords.matches(BOB_PASSWORD, hash)).isTrue();
    List<Map<String, Object>> sessions = jdbi.withHandle(h -> h.createQuery("select * from sessions").mapToMap().list());
    assertThat(sessions).isNotEmpty();
    assertThat(sessions.toString()).doesNotContain(token);
    assertThat(sessions).anySatisfy(row -> assertThat(row.get("digest")).isEqualTo(Secrets.digest(token)));
  }

  @Test
  void signingOutEndsTheSessionForCookieAndBearerAlike() throws Exception {
    String token = json(login("alice", ALICE_PASSWORD)).get("token").asText();
    assertThat(code(service.as(token).get("/me"))).isEqualTo(200);
    try (Response out = service.anonymous().send(new Request.Builder().url(service.url("/logout"))
        .header("Cookie", "wt_session=" + token).post(okhttp3.RequestBody.create(new byte[0])))) {
      assertThat(out.code()).isEqualTo(204);
      assertThat(out.header("Set-Cookie")).startsWith("wt_session=;").contains("Max-Age=0");
    }
    assertThat(code(service.as(token).get("/me"))).isEqualTo(401);
    try (Response me = service.anonymous().send(new Request.Builder().url(service.url("/me"))
        .header("Cookie", "wt_session=" + token).get())) {
      assertThat(me.code()).isEqualTo(401);
    }
  }

  @Test
  void anAgentGetsTokensForItsOwnIdentityOnly() throws Exception {
    ServiceUnderTest.Client alice = service.asAgent("alice", ALICE_PASSWORD);
    // Outside dev mode an agent's token is for a room it belongs in: a call Alice took.
    String room = json(service.anonymous().post("/calls", "")).get("room").asText();
    assertThat(code(alice.post("/calls/" + room + "/take", ""))).isEqualTo(200);
    Response own = alice.post("/token", "{\"identity\":\"agent-alice\",\"room\":\"" + room + "\",\"role\":\"agent\",\"name\":\"Not Alice\"}");
    assertThat(own.code()).isEqualTo(200);
    String token = json(own).get("token").asText();
    try (SignalRecorder signal = SignalRecorder.open(service.http, livekit.wsUrl(), token)) {
      LivekitRtc.SignalResponse join = signal.await(MessageCase.JOIN, 10_000);
      assertThat(join.getJoin().getParticipant().getIdentity()).isEqualTo("agent-alice");
      // The name is the service's, not the request's.
      assertThat(join.getJoin().getParticipant().getName()).isEqualTo("Alice Archer");
    }
    for (String identity : new String[] {"agent-bob", "caller-7", "wt-briefer-1"}) {
      Response other = alice.post("/token", "{\"identity\":\"" + identity + "\",\"room\":\"" + room + "\",\"role\":\"agent\"}");
      assertThat(other.code()).as(identity).isEqualTo(403);
      assertThat(json(other).get("field").asText()).isEqualTo("identity");
    }
  }

  @Test
  void agentsSeeTheDirectoryAndTakeAWaitingCallAsThemselves() throws Exception {
    ServiceUnderTest.Client bob = service.asAgent("bob", BOB_PASSWORD);
    JsonNode agents = json(bob.get("/agents")).get("agents");
    assertThat(agents).anySatisfy(a -> {
      assertThat(a.get("identity").asText()).isEqualTo("agent-alice");
      assertThat(a.get("team").asText()).isEqualTo("billing");
    });
    assertThat(agents.toString()).doesNotContain("password").doesNotContain("$2a$");
    assertThat(code(service.anonymous().get("/agents"))).isEqualTo(401);

    String room = json(service.anonymous().post("/calls", "")).get("room").asText();
    ServiceUnderTest.Client alice = service.asAgent("alice", ALICE_PASSWORD);
    String aliceInCall = "{\"identity\":\"agent-alice\",\"room\":\"" + room + "\",\"role\":\"agent\"}";
    // A waiting call is taken, not joined behind the other agents' backs.
    Response early = alice.post("/token", aliceInCall);
    assertThat(early.code()).isEqualTo(403);
    assertThat(json(early).get("field").asText()).isEqualTo("room");
    Response taken = bob.post("/calls/" + room + "/take", "");
    assertThat(taken.code()).isEqualTo(200);
    JsonNode t = json(taken);
    assertThat(t.get("room").asText()).isEqualTo(room);
    try (SignalRecorder signal = SignalRecorder.open(service.http, livekit.wsUrl(), t.get("token").asText())) {
      LivekitRtc.SignalResponse join = signal.await(MessageCase.JOIN, 10_000);
      assertThat(join.getJoin().getParticipant().getIdentity()).isEqualTo("agent-bob");
      assertThat(join.getJoin().getRoom().getName()).isEqualTo(room);
      assertThat(join.getJoin().getParticipant().getPermission().getCanPublishData()).isTrue();
    }
    // Once Bob has it, the call room is his: Alice gets no token for it, Bob does.
    Response late = alice.post("/token", aliceInCall);
    assertThat(late.code()).isEqualTo(403);
    assertThat(json(late).get("field").asText()).isEqualTo("room");
    assertThat(code(bob.post("/token", "{\"identity\":\"agent-bob\",\"room\":\"" + room + "\",\"role\":\"agent\"}")))
        .isEqualTo(200);
    // Exactly one agent gets a call.
    Response again = alice.post("/calls/" + room + "/take", "");
    assertThat(again.code()).isEqualTo(404);
    assertThat(json(again).has("error")).isTrue();
  }
}
