package dev.warmtransfer.service.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.service.support.SignalRecorder;
import dev.warmtransfer.testkit.LiveKitServer;
import livekit.LivekitModels;
import livekit.LivekitRtc;
import livekit.LivekitRtc.SignalResponse.MessageCase;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Issue 10: callers never choose a room, and their token opens that room alone, in LiveKit's own judgement. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private LiveKitServer livekit;
  private ServiceUnderTest service;

  @BeforeAll
  void start() throws Exception {
    livekit = LiveKitServer.start();
    service = new ServiceUnderTest(livekit);
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
      String body = r.body().string();
      assertThat(r.header("Content-Type")).as(body).startsWith("application/json");
      return JSON.readTree(body);
    }
  }

  private JsonNode newCall() throws Exception {
    Response r = service.anonymous().post("/calls", "");
    assertThat(r.code()).isEqualTo(200);
    return json(r);
  }

  @Test
  void aCallerGetsANewUnguessableRoomAndAMicrophoneOnlyTokenForIt() throws Exception {
    JsonNode call = newCall();
    String room = call.get("room").asText();
    assertThat(room).matches("call-[0-9a-f]{24}");
    assertThat(newCall().get("room").asText()).isNotEqualTo(room);
    try (SignalRecorder signal = SignalRecorder.open(service.http, livekit.wsUrl(), call.get("token").asText())) {
      LivekitRtc.SignalResponse join = signal.await(MessageCase.JOIN, 10_000);
      assertThat(join).as("LiveKit admits the caller").isNotNull();
      assertThat(join.getJoin().getRoom().getName()).isEqualTo(room);
      assertThat(join.getJoin().getParticipant().getIdentity()).isEqualTo(call.get("identity").asText());
      LivekitModels.ParticipantPermission p = join.getJoin().getParticipant().getPermission();
      assertThat(p.getCanPublishData()).isFalse();
      assertThat(p.getCanPublishSourcesList()).containsExactly(LivekitModels.TrackSource.MICROPHONE);
    }
  }

  @Test
  void aCallerTokenCannotListRoomsNorMakeThemInLiveKitsOwnJudgement() throws Exception {
    String token = newCall().get("token").asText();
    for (String method : new String[] {"ListRooms", "CreateRoom", "ListParticipants"}) {
      String body = method.equals("ListRooms") ? "{}" : "{\"name\":\"elsewhere\",\"room\":\"elsewhere\"}";
      Request twirp = new Request.Builder()
          .url(livekit.httpUrl() + "/twirp/livekit.RoomService/" + method)
          .header("Authorization", "Bearer " + token)
          .post(RequestBody.create(body, MediaType.get("application/json")))
          .build();
      try (Response r = service.http.newCall(twirp).execute()) {
        assertThat(r.code()).as(method + " with a caller token: " + r.body().string()).isIn(401, 403);
      }
    }
    // Nor through the service: a LiveKit token is not a credential here.
    assertThat(code(service.as(token).post("/list-rooms", ""))).isEqualTo(401);
    assertThat(code(service.anonymous().post("/list-rooms", ""))).isEqualTo(401);
  }

  @Test
  void aCallerCannotMintATokenForAnotherRoomOrAsAnAgent() throws Exception {
    // Outside dev mode the seed's join form is gone: naming a room needs a key.
    assertThat(code(service.anonymous().post("/token", "{\"identity\":\"caller-1\",\"room\":\"someone-elses-call\"}")))
        .isEqualTo(401);
    assertThat(code(service.anonymous()
        .post("/token", "{\"identity\":\"caller-1\",\"room\":\"someone-elses-call\",\"role\":\"agent\"}")))
        .isEqualTo(401);
  }

  @Test
  void aCallLinkOpensItsOneRoomAndAForgedOneNone() throws Exception {
    JsonNode link = json(service.post("/call-links", "{\"room\":\"callback-42\"}"));
    assertThat(link.get("url").asText()).startsWith("/#call=");
    assertThat(link.get("expiresAt").asText()).isNotBlank();
    JsonNode call = json(service.anonymous().post("/calls", "{\"link\":\"" + link.get("link").asText() + "\"}"));
    assertThat(call.get("room").asText()).isEqualTo("callback-42");
    try (SignalRecorder signal = SignalRecorder.open(service.http, livekit.wsUrl(), call.get("token").asText())) {
      assertThat(signal.await(MessageCase.JOIN, 10_000).getJoin().getRoom().getName()).isEqualTo("callback-42");
    }

    String signed = link.get("link").asText();
    String payload = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("other-room|" + (System.currentTimeMillis() / 1000 + 3600)).getBytes());
    String forged = payload + signed.substring(signed.indexOf('.'));
    Response bad = service.anonymous().post("/calls", "{\"link\":\"" + forged + "\"}");
    assertThat(bad.code()).isEqualTo(400);
    assertThat(json(bad).get("field").asText()).isEqualTo("link");
    // Making links is for agents and keys, not for anyone.
    assertThat(code(service.anonymous().post("/call-links", "{\"room\":\"callback-42\"}"))).isEqualTo(401);
  }

  @Test
  void waitingCallsAreForStaffOnly() throws Exception {
    String room = newCall().get("room").asText();
    JsonNode calls = json(service.get("/calls?state=waiting")).get("calls");
    assertThat(calls).anySatisfy(c -> assertThat(c.get("room").asText()).isEqualTo(room));
    assertThat(code(service.anonymous().get("/calls?state=waiting"))).isEqualTo(401);
    Response wrongState = service.get("/calls?state=gone");
    assertThat(wrongState.code()).isEqualTo(400);
    assertThat(json(wrongState).get("field").asText()).isEqualTo("state");
    // A key is not an agent: taking a call gives a token for the taker's own identity.
    assertThat(code(service.post("/calls/" + room + "/take", ""))).isEqualTo(403);
  }
}
