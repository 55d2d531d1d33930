package dev.warmtransfer.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.api.Role;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.service.support.SignalRecorder;
import dev.warmtransfer.service.token.TokenIssuer;
import dev.warmtransfer.testkit.LiveKitServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import livekit.LivekitModels;
import livekit.LivekitRtc;
import livekit.LivekitRtc.SignalResponse.MessageCase;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The seed's API against a real LiveKit server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIntegrationTest {
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

  private JsonNode json(Response r) throws Exception {
    try (r) {
      return JSON.readTree(r.body().string());
    }
  }

  private String token(String identity, String room, String role) throws Exception {
    Response r =
        service.post("/token", "{\"identity\":\"" + identity + "\",\"room\":\"" + room + "\",\"role\":\"" + role + "\"}");
    assertThat(r.code()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("wsUrl").asText()).isEqualTo(livekit.wsUrl());
    return body.get("token").asText();
  }

  @Test
  void createdRoomIsListedWithTheSidLiveKitAssigned() throws Exception {
    Response created = service.post("/create-room", "{\"room\":\"support-call-001\"}");
    assertThat(created.code()).isEqualTo(200);
    JsonNode room = json(created).get("room");
    assertThat(room.get("name").asText()).isEqualTo("support-call-001");
    assertThat(room.get("sid").asText()).startsWith("RM_");
    assertThat(room.get("creation_time").asLong()).isPositive();
    assertThat(room.has("num_participants")).isTrue();
    assertThat(room.has("max_participants")).isTrue();

    JsonNode listed = json(service.post("/list-rooms", ""));
    assertThat(listed.get("rooms"))
        .anySatisfy(
            r -> {
              assertThat(r.get("name").asText()).isEqualTo("support-call-001");
              assertThat(r.get("sid").asText()).isEqualTo(room.get("sid").asText());
            });
  }

  @Test
  void liveKitAcceptsTheTokenAndJoinsThatIdentityToThatRoom() throws Exception {
    String token = token("caller-123", "join-check", "caller");
    try (SignalRecorder signal = SignalRecorder.open(service.http, livekit.wsUrl(), token)) {
      LivekitRtc.SignalResponse join = signal.await(MessageCase.JOIN, 10_000);
      assertThat(join).as("JoinResponse").isNotNull();
      assertThat(join.getJoin().getParticipant().getIdentity()).isEqualTo("caller-123");
      assertThat(join.getJoin().getRoom().getName()).isEqualTo("join-check");
      assertThat(join.getJoin().getParticipant().getAttributesMap()).containsEntry("role", "caller");
    }
  }

  @Test
  void tokenSignedWithTheWrongSecretIsRefused() throws Exception {
    TokenIssuer forged =
        new TokenIssuer(livekit.apiKey(), "not-the-secret-livekit-knows-0123456789", Duration.ofHours(1), Clock.systemUTC());
    assertRefused(forged.issue("mallory", "join-check", null, Role.AGENT));
  }

  @Test
  void expiredTokenIsRefused() throws Exception {
    // Issued three hours ago with the default two-hour lifetime: past LiveKit's one-minute leeway.
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC);
    TokenIssuer old = new TokenIssuer(livekit.apiKey(), livekit.apiSecret(), Duration.ofHours(2), past);
    assertRefused(old.issue("late-caller", "join-check", null, Role.CALLER));
  }

  private void assertRefused(String token) throws Exception {
    try (SignalRecorder signal = SignalRecorder.open(service.http, livekit.wsUrl(), token)) {
      SignalRecorder.Event event = signal.next(10, TimeUnit.SECONDS);
      assertThat(event).isInstanceOf(SignalRecorder.Failure.class);
      assertThat(((SignalRecorder.Failure) event).httpStatus()).isEqualTo(401);
    }
  }

  @Test
  void callerMayPublishItsMicrophoneButNotACameraNorData() throws Exception {
    String token = token("caller-perm", "perm-check", "caller");
    try (SignalRecorder signal = SignalRecorder.open(service.http, livekit.wsUrl(), token)) {
      LivekitRtc.SignalResponse join = signal.await(MessageCase.JOIN, 10_000);
      LivekitModels.ParticipantPermission permission = join.getJoin().getParticipant().getPermission();
      assertThat(permission.getCanPublishData()).isFalse();
      assertThat(permission.getCanPublishSourcesList()).containsExactly(LivekitModels.TrackSource.MICROPHONE);

      signal.send(addTrack("cam-1", LivekitModels.TrackType.VIDEO, LivekitModels.TrackSource.CAMERA));
      assertThat(signal.await(MessageCase.TRACK_PUBLISHED, 2_000)).as("camera must not be published").isNull();

      signal.send(addTrack("mic-1", LivekitModels.TrackType.AUDIO, LivekitModels.TrackSource.MICROPHONE));
      LivekitRtc.SignalResponse published = signal.await(MessageCase.TRACK_PUBLISHED, 5_000);
      assertThat(published).as("microphone is published").isNotNull();
      assertThat(published.getTrackPublished().getCid()).isEqualTo("mic-1");
    }
  }

  @Test
  void agentMayPublishData() throws Exception {
    String token = token("agent-alice", "perm-check", "agent");
    try (SignalRecorder signal = SignalRecorder.open(service.http, livekit.wsUrl(), token)) {
      LivekitRtc.SignalResponse join = signal.await(MessageCase.JOIN, 10_000);
      LivekitModels.ParticipantPermission permission = join.getJoin().getParticipant().getPermission();
      assertThat(permission.getCanPublishData()).isTrue();
      assertThat(permission.getCanPublish()).isTrue();
      assertThat(join.getJoin().getParticipant().getAttributesMap()).containsEntry("role", "agent");
    }
  }

  private static LivekitRtc.SignalRequest addTrack(
      String cid, LivekitModels.TrackType type, LivekitModels.TrackSource source) {
    return LivekitRtc.SignalRequest.newBuilder()
        .setAddTrack(
            LivekitRtc.AddTrackRequest.newBuilder()
                .setCid(cid)
                .setName(cid)
                .setType(type)
                .setSource(source)
                .setWidth(type == LivekitModels.TrackType.VIDEO ? 640 : 0)
                .setHeight(type == LivekitModels.TrackType.VIDEO ? 480 : 0))
        .build();
  }

  @Test
  void healthReportsLiveKitReachable() throws Exception {
    Response r = service.get("/health");
    assertThat(r.code()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("ok").asBoolean()).isTrue();
    assertThat(body.get("livekit").get("reachable").asBoolean()).isTrue();
    assertThat(body.toString()).doesNotContain(livekit.apiSecret());
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class SummaryAndTransfer {
    static final String SEED =
        "Customer called about billing issue. Account number 12345. Charge of $99.99 appears incorrect. "
            + "Customer has been loyal for 3 years. Needs immediate resolution.";

    @Test
    void seedTranscriptGivesASummaryNamingAccountAndAmount() throws Exception {
      Response r = service.post("/generate-summary", JSON.writeValueAsString(java.util.Map.of("transcript", SEED)));
      assertThat(r.code()).isEqualTo(200);
      JsonNode body = json(r);
      assertThat(body.get("summary").asText()).contains("12345").contains("$99.99");
      assertThat(body.get("accountNumbers").get(0).asText()).isEqualTo("12345");
      assertThat(body.get("amounts").get(0).asText()).isEqualTo("$99.99");
      assertThat(body.get("provider").asText()).isEqualTo("local"); // the test config has no OpenAI key
      assertThat(body.get("spoken").asText().split("\\s+").length).isLessThanOrEqualTo(60);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '`',
        value = {
          "`{}` | transcript",
          "`{\"transcript\":\"\"}` | transcript",
          "`{\"transcript\":\"  \"}` | transcript",
          "`{\"transcript\":12}` | transcript",
          "`{\"transcript\":\"ok\",\"notes\":[1]}` | notes",
          "`transcript: hello` | body",
        })
    void badSummaryInputIsA400NamingTheField(String body, String field) throws Exception {
      Response r = service.post("/generate-summary", body);
      assertThat(r.code()).isEqualTo(400);
      assertThat(json(r).get("field").asText()).isEqualTo(field);
    }

    @Test
    void oversizedTranscriptOrNotesAreRefused() throws Exception {
      String huge = "a".repeat(100_001);
      Response r = service.post("/generate-summary", JSON.writeValueAsString(java.util.Map.of("transcript", huge)));
      assertThat(r.code()).isEqualTo(400);
      JsonNode error = json(r);
      assertThat(error.get("field").asText()).isEqualTo("transcript");
      assertThat(error.get("error").asText()).contains("100000");
      Response notes = service.post("/generate-summary",
          JSON.writeValueAsString(java.util.Map.of("transcript", "hi", "notes", "n".repeat(10_001))));
      assertThat(json(notes).get("field").asText()).isEqualTo("notes");
    }

    @Test
    void seedTransferOpensAHandoffRoomBothAgentsCanJoin() throws Exception {
      Response r = service.post("/transfer",
          "{\"fromRoom\":\"support-call-001\",\"agentA\":\"agent-alice\",\"agentB\":\"agent-bob\","
              + "\"transcript\":\"Customer needs billing support for account #12345\"}");
      assertThat(r.code()).isEqualTo(200);
      JsonNode body = json(r);
      String newRoom = body.get("newRoom").asText();
      // Unguessable and never reused (the seed's unix seconds collided within a second).
      assertThat(newRoom).matches("support-call-001-transfer-[a-z2-9]{12}");
      assertThat(body.get("transferId").asText()).startsWith("tr_");
      assertThat(body.get("state").asText()).isEqualTo("requested");
      assertThat(body.get("summary").asText()).contains("12345");
      assertThat(body.get("wsUrl").asText()).isEqualTo(livekit.wsUrl());
      // The room is made right after the answer (a stored action), not before it.
      long until = System.currentTimeMillis() + 10_000;
      while (!json(service.post("/list-rooms", "")).get("rooms").toString().contains("\"" + newRoom + "\"")
          && System.currentTimeMillis() < until) {
        Thread.sleep(50);
      }
      assertThat(json(service.post("/list-rooms", "")).get("rooms"))
          .anySatisfy(room -> assertThat(room.get("name").asText()).isEqualTo(newRoom));
      try (SignalRecorder bob = SignalRecorder.open(service.http, livekit.wsUrl(), body.get("agentBToken").asText())) {
        LivekitRtc.SignalResponse join = bob.await(MessageCase.JOIN, 10_000);
        assertThat(join.getJoin().getParticipant().getIdentity()).isEqualTo("agent-bob");
        assertThat(join.getJoin().getRoom().getName()).isEqualTo(newRoom);
        assertThat(join.getJoin().getParticipant().getPermission().getCanPublishData()).isTrue();
      }
    }

    @Test
    void transferToTheSameAgentIsRefused() throws Exception {
      Response r = service.post("/transfer", "{\"fromRoom\":\"r1\",\"agentA\":\"a\",\"agentB\":\"a\"}");
      assertThat(r.code()).isEqualTo(400);
      assertThat(json(r).get("field").asText()).isEqualTo("agentB");
      Response missing = service.post("/transfer", "{\"fromRoom\":\"r1\",\"agentA\":\"a\"}");
      assertThat(json(missing).get("field").asText()).isEqualTo("agentB");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Docs {
    @Test
    void openApiDocumentListsTheSeedEndpoints() throws Exception {
      Response r = service.get("/openapi.json");
      assertThat(r.code()).isEqualTo(200);
      JsonNode paths = json(r).get("paths");
      assertThat(paths.has("/token")).isTrue();
      assertThat(paths.has("/create-room")).isTrue();
      assertThat(paths.has("/list-rooms")).isTrue();
      assertThat(paths.has("/health")).isTrue();
      assertThat(paths.has("/generate-summary")).isTrue();
      assertThat(paths.has("/transfer")).isTrue();
    }

    @Test
    void docsServeSwaggerUi() throws Exception {
      try (Response page = service.get("/docs")) {
        assertThat(page.code()).isEqualTo(200);
        assertThat(page.body().string()).contains("swagger-ui-bundle.js");
      }
      try (Response bundle = service.get("/docs/swagger-ui-bundle.js")) {
        assertThat(bundle.code()).isEqualTo(200);
        assertThat(bundle.body().bytes().length).isGreaterThan(100_000);
      }
      // Jetty itself refuses encoded slashes (400); our name check refuses the rest (404).
      try (Response escape = service.get("/docs/..%2F..%2Fpom.properties")) {
        assertThat(escape.code()).isIn(400, 404);
        assertThat(escape.body().string()).doesNotContain("artifactId");
      }
      try (Response hidden = service.get("/docs/.pom.properties")) {
        assertThat(hidden.code()).isEqualTo(404);
      }
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class BadInput {
    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '`',
        value = {
          "/token | `{\"room\":\"r1\"}` | 400 | identity",
          "/token | `{\"identity\":\"\",\"room\":\"r1\"}` | 400 | identity",
          "/token | `{\"identity\":\"a\",\"room\":\"   \"}` | 400 | room",
          "/token | `{\"identity\":42,\"room\":\"r1\"}` | 400 | identity",
          "/token | `{\"identity\":[\"a\"],\"room\":\"r1\"}` | 400 | identity",
          "/token | `{\"identity\":\"a b\",\"room\":\"r1\"}` | 400 | identity",
          "/token | `{\"identity\":\"a\",\"room\":\"r1/../x\"}` | 400 | room",
          "/token | `{\"identity\":\"a\",\"room\":\"r1\",\"role\":\"admin\"}` | 400 | role",
          "/token | `{\"identity\":\"a\",\"room\":\"r1\",\"role\":7}` | 400 | role",
          "/token | `{\"identity\":\"a\",\"room\":\"r1\",\"name\":{\"x\":1}}` | 400 | name",
          "/token | `not json` | 400 | body",
          "/token | `{\"identity\":\"a\",` | 400 | body",
          "/token | `` | 400 | body",
          "/token | `[]` | 400 | body",
          "/create-room | `{}` | 400 | room",
          "/create-room | `{\"room\":true}` | 400 | room",
          "/create-room | `{\"room\":\"caf\u00e9\"}` | 400 | room",
          "/create-room | `{\"room\":\"x\"} trailing` | 400 | body",
        })
    void isA4xxNamingTheField(String path, String body, int status, String field) throws Exception {
      Response r = service.post(path, body);
      assertThat(r.code()).isEqualTo(status);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      JsonNode error = json(r);
      assertThat(error.get("field").asText()).isEqualTo(field);
      assertThat(error.get("error").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void tooLongNamesAreRefused() throws Exception {
      String longName = "a".repeat(129);
      JsonNode error = json(service.post("/token", "{\"identity\":\"" + longName + "\",\"room\":\"r1\"}"));
      assertThat(error.get("field").asText()).isEqualTo("identity");
      assertThat(error.get("error").asText()).contains("size");
      assertThat(service.post("/token", "{\"identity\":\"" + "a".repeat(128) + "\",\"room\":\"r1\"}").code())
          .isEqualTo(200);
    }

    @Test
    void wrongContentTypeIsA415InJson() throws Exception {
      Response r = service.post("/token", "identity=a", "application/x-www-form-urlencoded");
      assertThat(r.code()).isEqualTo(415);
      assertThat(json(r).get("error").asText()).isNotBlank();
    }

    @Test
    void unknownPathIsA404InJson() throws Exception {
      Response r = service.get("/no-such-thing");
      assertThat(r.code()).isEqualTo(404);
      assertThat(json(r).get("error").asText()).isNotBlank();
    }
  }
}
