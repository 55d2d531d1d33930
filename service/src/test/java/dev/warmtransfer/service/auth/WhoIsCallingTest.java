package dev.warmtransfer.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.testkit.LiveKitServer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 10, "no endpoint asks who is calling": the seed's API refuses anyone without a credential. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhoIsCallingTest {
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
      return JSON.readTree(r.body().string());
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/list-rooms|",
        "/create-room|{\"room\":\"stolen\"}",
        "/token|{\"identity\":\"agent-alice\",\"room\":\"any-room\",\"role\":\"agent\"}",
        "/token|{\"identity\":\"caller-1\",\"room\":\"any-room\"}",
        "/transfer|{\"fromRoom\":\"r1\",\"agentA\":\"a\",\"agentB\":\"b\"}",
        "/generate-summary|{\"transcript\":\"hello\"}",
      })
  void anonymousCallsToTheSeedApiAreRefusedWith401Json(String path, String body) throws Exception {
    Response r = service.anonymous().post(path, body == null ? "" : body);
    assertThat(r.code()).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode error = json(r);
    assertThat(error.get("error").asText()).isNotBlank();
    assertThat(error.get("field").asText()).isEqualTo("Authorization");
  }

  @Test
  void aWrongKeyIsRefusedEvenWhereNoKeyIsNeeded() throws Exception {
    assertThat(code(service.as("wtk_not-a-key").post("/list-rooms", ""))).isEqualTo(401);
    assertThat(code(service.as("wtk_not-a-key").get("/health"))).isEqualTo(401);
    try (Response basic = service.anonymous().send(new okhttp3.Request.Builder()
        .url(service.url("/list-rooms")).header("Authorization", "Basic YTpi").post(okhttp3.RequestBody.create(new byte[0])))) {
      assertThat(basic.code()).isEqualTo(401);
    }
  }

  @Test
  void theDevKeyDoesWhatTheSeedDid() throws Exception {
    assertThat(code(service.post("/list-rooms", ""))).isEqualTo(200);
    Response r = service.post("/token", "{\"identity\":\"agent-alice\",\"room\":\"r1\",\"role\":\"agent\"}");
    assertThat(r.code()).isEqualTo(200);
    assertThat(json(r).get("token").asText()).isNotBlank();
  }

  @Test
  void openPathsStayOpen() throws Exception {
    for (String path : new String[] {"/health", "/docs", "/openapi.json"}) {
      try (Response r = service.anonymous().get(path)) {
        assertThat(r.code()).as(path).isEqualTo(200);
      }
    }
    // The webhook keeps its own check (LiveKit's signature); our filter, which names the Bearer
    // scheme in WWW-Authenticate, leaves it alone.
    try (Response hook = service.anonymous().post("/livekit/webhook", "{}", "application/webhook+json")) {
      assertThat(hook.code()).isEqualTo(401);
      assertThat(hook.header("WWW-Authenticate")).isNull();
    }
  }

  @Test
  void anUnknownPathIsProtectedToo() throws Exception {
    try (Response r = service.anonymous().get("/admin/secrets")) {
      assertThat(r.code()).isEqualTo(401);
    }
    // A dot segment cannot make a protected path look like an open one.
    try (Response r = service.anonymous().get("/docs/../list-rooms")) {
      assertThat(r.code()).isIn(400, 401, 404);
    }
  }
}
