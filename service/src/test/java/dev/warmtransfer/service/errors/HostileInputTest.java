package dev.warmtransfer.service.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.support.RawHttp;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.testkit.LiveKitServer;
import java.util.Base64;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an attacker tried against the seed's API, each refused in the API's JSON error shape. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
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
      assertThat(r.header("Content-Type")).startsWith("application/json");
      return JSON.readTree(r.body().string());
    }
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // An enum index is not a role: 1 and "1" used to mint an agent token.
        "/token | `{\"identity\":\"a\",\"room\":\"r1\",\"role\":1}` | role",
        "/token | `{\"identity\":\"a\",\"room\":\"r1\",\"role\":\"1\"}` | role",
        "/token | `{\"identity\":\"a\",\"room\":\"r1\",\"role\":0}` | role",
        // Duplicate keys: the last one used to win.
        "/token | `{\"identity\":\"a\",\"room\":\"r1\",\"role\":\"caller\",\"role\":\"agent\"}` | role",
        "/token | `{\"identity\":\"a\",\"identity\":\"b\",\"room\":\"r1\"}` | identity",
        "/create-room | `{\"room\":\"a\",\"room\":\"b\"}` | room",
        "/generate-summary | `{\"transcript\":\"a\",\"transcript\":\"b\"}` | transcript",
        // Names: the documented character set, starting with a letter or digit.
        "/token | `{\"identity\":\".\",\"room\":\"r1\"}` | identity",
        "/token | `{\"identity\":\"..\",\"room\":\"r1\"}` | identity",
        "/token | `{\"identity\":\"a\",\"room\":\"..\"}` | room",
        "/create-room | `{\"room\":\".\"}` | room",
        "/transfer | `{\"fromRoom\":\"..\",\"agentA\":\"a\",\"agentB\":\"b\"}` | fromRoom",
        // Display names: no control, formatting or direction characters.
        "/token | `{\"identity\":\"a\",\"room\":\"r1\",\"name\":\"evil\\u202Egpj.exe\"}` | name",
        "/token | `{\"identity\":\"a\",\"room\":\"r1\",\"name\":\"bell\\u0007\"}` | name",
        "/token | `{\"identity\":\"a\",\"room\":\"r1\",\"name\":\"zero\\u200Bwidth\"}` | name",
        "/token | `{\"identity\":\"a\",\"room\":\"r1\",\"name\":\"line\\u2028sep\"}` | name",
        "/token | `{\"identity\":\"a\",\"room\":\"r1\",\"name\":\"half\\uD800\"}` | name",
      })
  void isA400NamingTheField(String path, String body, String field) throws Exception {
    Response r = service.post(path, body);
    assertThat(r.code()).isEqualTo(400);
    JsonNode error = json(r);
    assertThat(error.get("field").asText()).isEqualTo(field);
    assertThat(error.get("error").asText()).isNotBlank().doesNotContain("Exception");
  }

  @Test
  void displayNamesInAnyScriptStillWork() throws Exception {
    Response r = service.post("/token", "{\"identity\":\"a\",\"room\":\"r1\",\"name\":\"Zoë Ørsted 王芳 👩‍💻\"}");
    assertThat(r.code()).isEqualTo(200);
    String jwt = json(r).get("token").asText();
    String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(claims).contains("Zoë Ørsted 王芳 👩‍💻");
  }

  @Test
  void transcriptsAndNotesLoseControlAndDirectionCharacters() throws Exception {
    String transcript = "Customer\u202E called about account number 12345.\u0000\u001B[31m Charge of $99.99\u2066 is wrong.\nThanks.";
    Response r = service.post("/generate-summary",
        JSON.writeValueAsString(Map.of("transcript", transcript, "notes", "VIP\u0007 customer\u200F")));
    assertThat(r.code()).isEqualTo(200);
    JsonNode body = json(r);
    String all = body.toString();
    assertThat(body.get("summary").asText()).contains("12345");
    for (String bad : new String[] {"\u202E", "\u0000", "\u001B", "\u2066", "\u0007", "\u200F"}) {
      assertThat(JSON.writeValueAsString(body)).doesNotContain(JSON.writeValueAsString(bad).replace("\"", ""));
      assertThat(all).doesNotContain(bad);
    }
  }

  @Test
  void transcriptOfNothingButControlCharactersIsBlank() throws Exception {
    Response r = service.post("/generate-summary", "{\"transcript\":\"\\u0000\\u202E\\u0007\"}");
    assertThat(r.code()).isEqualTo(400);
    assertThat(json(r).get("field").asText()).isEqualTo("transcript");
  }

  @Test
  void tokenAnswersAreNotStored() throws Exception {
    try (Response r = service.post("/token", "{\"identity\":\"a\",\"room\":\"r1\"}")) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Cache-Control")).contains("no-store");
    }
  }

  @Test
  void jettysOwnErrorsAreJson() throws Exception {
    int port = service.app.getLocalPort();
    // An encoded "..": refused by Jetty before our resources see it.
    RawHttp.Answer dots = RawHttp.get(port, "/docs/%2e%2e", 10_000);
    assertThat(dots.status()).isEqualTo(400);
    assertJsonError(dots, "path");
    RawHttp.Answer badEscape = RawHttp.get(port, "/docs/%zz", 10_000);
    assertThat(badEscape.status()).isEqualTo(400);
    assertJsonError(badEscape, null);
    // Headers over the limit.
    RawHttp.Answer bigHeaders = RawHttp.send(port, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Junk: " + "j".repeat(20_000),
        out -> {}, 10_000);
    assertThat(bigHeaders.status()).isEqualTo(431);
    assertJsonError(bigHeaders, "headers");
  }

  @Test
  void traceIsAJson405() throws Exception {
    Request trace = new Request.Builder().url(service.url("/token")).method("TRACE", null).build();
    try (Response r = service.http.newCall(trace).execute()) {
      assertThat(r.code()).isEqualTo(405);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      assertThat(JSON.readTree(r.body().string()).get("error").asText()).isNotBlank();
    }
  }

  @Test
  void serverErrorsNeverRepeatTheirCause() {
    assertThat(JsonErrorHandler.describe(500, "java.lang.OutOfMemoryError: Java heap space").error())
        .isEqualTo("Server Error");
    assertThat(JsonErrorHandler.describe(413, "request body is larger than 10 bytes").field()).isEqualTo("body");
  }

  private static void assertJsonError(RawHttp.Answer answer, String field) throws Exception {
    assertThat(answer.head()).containsIgnoringCase("Content-Type: application/json");
    JsonNode error = JSON.readTree(answer.body());
    assertThat(error.get("error").asText()).isNotBlank();
    if (field != null) {
      assertThat(error.get("field").asText()).isEqualTo(field);
    }
  }
}
