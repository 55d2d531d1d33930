package dev.warmtransfer.service.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.testkit.LiveKitServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * What held in the attack must keep holding: a few hundred malformed bodies (wrong types, missing
 * fields, huge strings, bad unicode, nested junk) against every JSON endpoint, each a JSON 4xx that
 * names the field at fault, never a 5xx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HUGE = "x".repeat(200_000);
  private LiveKitServer livekit;
  private ServiceUnderTest service;

  /** How a field is checked, which decides the bad values to try. */
  enum Kind { NAME, DISPLAY_NAME, ROLE, TEXT }

  record Field(String name, Kind kind, boolean required, int maxLength) {}

  record Endpoint(String path, Map<String, Object> valid, List<Field> fields) {}

  record Case(String path, String description, byte[] body, String field) {}

  private static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("/token", Map.of("identity", "caller-1", "room", "r1", "name", "Caller", "role", "caller"), List.of(
          new Field("identity", Kind.NAME, true, 128), new Field("room", Kind.NAME, true, 128),
          new Field("name", Kind.DISPLAY_NAME, false, 128), new Field("role", Kind.ROLE, false, 0))),
      new Endpoint("/create-room", Map.of("room", "r1"), List.of(new Field("room", Kind.NAME, true, 128))),
      new Endpoint("/generate-summary", Map.of("transcript", "Account 12345.", "notes", "VIP"), List.of(
          new Field("transcript", Kind.TEXT, true, 100_000), new Field("notes", Kind.TEXT, false, 10_000))),
      new Endpoint("/transfer",
          Map.of("fromRoom", "r1", "agentA", "a", "agentB", "b", "transcript", "hello", "notes", "n"), List.of(
          new Field("fromRoom", Kind.NAME, true, 128), new Field("agentA", Kind.NAME, true, 128),
          new Field("agentB", Kind.NAME, true, 128), new Field("transcript", Kind.TEXT, false, 100_000),
          new Field("notes", Kind.TEXT, false, 10_000))));

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

  @TestFactory
  Stream<DynamicTest> everyMalformedBodyIsAJson4xxNamingTheField() {
    List<Case> cases = new ArrayList<>();
    for (Endpoint e : ENDPOINTS) {
      for (Field f : e.fields()) {
        for (Map.Entry<String, Object> bad : badValues(f).entrySet()) {
          Map<String, Object> body = new LinkedHashMap<>(e.valid());
          body.put(f.name(), bad.getValue());
          cases.add(new Case(e.path(), f.name() + " " + bad.getKey(), json(body), f.name()));
        }
        if (f.required()) {
          Map<String, Object> body = new LinkedHashMap<>(e.valid());
          body.remove(f.name());
          cases.add(new Case(e.path(), f.name() + " missing", json(body), f.name()));
        }
        String valid = new String(json(e.valid()), StandardCharsets.UTF_8);
        cases.add(new Case(e.path(), f.name() + " twice",
            valid.replaceFirst("\\}$", ",\"" + f.name() + "\":" + JSON.valueToTree(e.valid().get(f.name())) + "}")
                .getBytes(StandardCharsets.UTF_8), f.name()));
      }
      // Jackson reads an overlong encoding as the character it encodes (the name rules still apply to
      // it), so that body is an object lacking its fields: the first required one (in the error
      // mapper's order) is named.
      String firstRequired = e.fields().stream().filter(Field::required).map(Field::name).sorted().findFirst().orElseThrow();
      for (Map.Entry<String, byte[]> junk : junkBodies().entrySet()) {
        String field = switch (junk.getKey()) {
          case "overlong utf-8" -> firstRequired;
          case "many keys" -> "k1";
          default -> "body";
        };
        cases.add(new Case(e.path(), "body " + junk.getKey(), junk.getValue(), field));
      }
    }
    // The webhook takes anything signed: without a signature every body is a 401 naming the header.
    for (Map.Entry<String, byte[]> junk : junkBodies().entrySet()) {
      cases.add(new Case("/livekit/webhook", "body " + junk.getKey(), junk.getValue(), "Authorization"));
    }
    assertThat(cases.size()).isGreaterThan(250);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.path() + " " + c.description(), () -> check(c)));
  }

  private void check(Case c) throws Exception {
    // With the full-rights key: the body, not the caller, is what is at fault here.
    Request.Builder request = new Request.Builder().url(service.url(c.path()))
        .header("Authorization", "Bearer " + ServiceUnderTest.API_KEY)
        .post(RequestBody.create(c.body(), MediaType.get("application/json")));
    try (Response r = service.http.newCall(request.build()).execute()) {
      String text = r.body().string();
      assertThat(r.code()).as(text).isBetween(400, 499);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      JsonNode error = JSON.readTree(text);
      assertThat(error.get("error").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(error.path("field").asText()).as(c.path() + " " + c.description() + ": " + text).isEqualTo(c.field());
    }
  }

  private static Map<String, Object> badValues(Field f) {
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("number", 42);
    bad.put("negative", -1);
    bad.put("float", 1.5);
    bad.put("true", true);
    bad.put("empty array", List.of());
    bad.put("array", List.of("a"));
    bad.put("object", Map.of("a", 1));
    bad.put("nested arrays", List.of(List.of(List.of(List.of(List.of("deep"))))));
    if (f.required()) {
      bad.put("null", null);
    }
    switch (f.kind()) {
      case NAME -> {
        bad.put("empty", "");
        bad.put("blank", "   ");
        bad.put("space", "a b");
        bad.put("dot", ".");
        bad.put("dots", "..");
        bad.put("leading dash", "-x");
        bad.put("slash", "x/y");
        bad.put("traversal", "../etc");
        bad.put("accent", "café");
        bad.put("nul", "a\u0000b");
        bad.put("rtl override", "a\u202Eb");
        bad.put("newline", "x\n");
        bad.put("emoji", "a😀");
        bad.put("lone surrogate", "a\uD800");
        bad.put("too long", "a".repeat(f.maxLength() + 1));
        bad.put("huge", HUGE);
      }
      case DISPLAY_NAME -> {
        bad.put("rtl override", "evil\u202Egpj.exe");
        bad.put("bell", "a\u0007");
        bad.put("nul", "a\u0000");
        bad.put("zero width space", "a\u200Bb");
        bad.put("line separator", "a\u2028b");
        bad.put("lone surrogate", "a\uDC00");
        bad.put("too long", "a".repeat(f.maxLength() + 1));
        bad.put("huge", HUGE);
      }
      case ROLE -> {
        bad.put("unknown", "admin");
        bad.put("index string", "1");
        bad.put("upper case", "AGENT");
        bad.put("empty", "");
        bad.put("index zero", 0);
        bad.put("huge", HUGE);
      }
      case TEXT -> {
        if (f.required()) {
          bad.put("empty", "");
          bad.put("blank", " \n\t ");
          bad.put("only control characters", "\u0000\u202E\u0007");
        }
        bad.put("too long", "t".repeat(f.maxLength() + 1));
        bad.put("huge", "t".repeat(f.maxLength() * 3));
      }
    }
    return bad;
  }

  private static Map<String, byte[]> junkBodies() {
    Map<String, byte[]> junk = new LinkedHashMap<>();
    junk.put("empty", new byte[0]);
    junk.put("not json", bytes("identity=a&room=b"));
    junk.put("array", bytes("[]"));
    junk.put("null", bytes("null"));
    junk.put("string", bytes("\"x\""));
    junk.put("number", bytes("12"));
    junk.put("unclosed", bytes("{\"a\":"));
    junk.put("extra brace", bytes("{}}"));
    junk.put("trailing data", bytes("{} {}"));
    junk.put("deep nesting", bytes("[".repeat(5_000) + "]".repeat(5_000)));
    junk.put("deep objects", bytes("{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000)));
    junk.put("huge number", bytes("{\"x\":" + "9".repeat(5_000) + "}"));
    junk.put("invalid utf-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    junk.put("overlong utf-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'});
    junk.put("bad escape", bytes("{\"a\":\"\\uZZZZ\"}"));
    junk.put("raw control character", bytes("{\"a\":\"x\u0001y\"}"));
    junk.put("comment", bytes("{/* hi */}"));
    junk.put("single quotes", bytes("{'a':'b'}"));
    junk.put("NaN", bytes("{\"a\":NaN}"));
    junk.put("many keys", bytes(manyKeys()));
    return junk;
  }

  private static String manyKeys() {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < 20_000; i++) {
      b.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }
    // Unknown keys are ignored; what makes this body bad is the key at the end, twice.
    return b.append(",\"k1\":0}").toString();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] json(Object o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
