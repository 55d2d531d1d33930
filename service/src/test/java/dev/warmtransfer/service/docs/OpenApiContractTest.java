package dev.warmtransfer.service.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.testkit.LiveKitServer;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The OpenAPI document states what the service enforces, so schema fuzzing can hold it to it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private LiveKitServer livekit;
  private ServiceUnderTest service;
  private JsonNode api;

  @BeforeAll
  void start() throws Exception {
    livekit = LiveKitServer.start();
    service = new ServiceUnderTest(livekit);
    try (Response r = service.get("/openapi.json")) {
      assertThat(r.code()).isEqualTo(200);
      api = JSON.readTree(r.body().string());
    }
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

  private JsonNode schema(String name) {
    return api.get("components").get("schemas").get(name);
  }

  @Test
  void requestSchemasCarryTheConstraintsTheServiceChecks() {
    JsonNode token = schema("TokenRequest");
    assertThat(token.get("required")).extracting(JsonNode::asText).contains("identity", "room");
    for (String name : new String[] {"identity", "room"}) {
      JsonNode field = token.get("properties").get(name);
      assertThat(field.get("minLength").asInt()).isEqualTo(1);
      assertThat(field.get("maxLength").asInt()).isEqualTo(128);
      assertThat(field.get("pattern").asText()).isNotBlank();
      // The documented pattern is the one enforced: "." and ".." do not match it, "agent-001" does.
      Pattern p = Pattern.compile(field.get("pattern").asText());
      assertThat(p.matcher("..").matches()).isFalse();
      assertThat(p.matcher("agent-001").matches()).isTrue();
    }
    assertThat(token.get("properties").get("role").get("enum")).extracting(JsonNode::asText).containsExactly("caller", "agent");
    Pattern display = Pattern.compile(token.get("properties").get("name").get("pattern").asText());
    assertThat(display.matcher("Zoë 王芳").matches()).isTrue();
    assertThat(display.matcher("evil\u202Egpj").matches()).isFalse();

    JsonNode summary = schema("SummaryRequest").get("properties");
    assertThat(summary.get("transcript").get("minLength").asInt()).isEqualTo(1);
    assertThat(summary.get("transcript").get("maxLength").asInt()).isEqualTo(100_000);
    assertThat(summary.get("notes").get("maxLength").asInt()).isEqualTo(10_000);
    assertThat(schema("CreateRoomRequest").get("properties").get("room").get("minLength").asInt()).isEqualTo(1);
    assertThat(schema("TransferRequest").get("required")).extracting(JsonNode::asText)
        .contains("fromRoom", "agentA", "agentB");
  }

  @Test
  void everyOperationDescribesItsErrors() {
    JsonNode error = schema("Error");
    assertThat(error.get("properties").has("error")).isTrue();
    assertThat(error.get("properties").has("field")).isTrue();
    for (String path : new String[] {"/token", "/create-room", "/generate-summary", "/transfer"}) {
      JsonNode responses = api.get("paths").get(path).get("post").get("responses");
      for (String status : new String[] {"400", "413", "415", "503"}) {
        assertThat(responses.has(status)).as(path + " " + status).isTrue();
        assertThat(responses.get(status).get("content").get("application/json").get("schema").get("$ref").asText())
            .isEqualTo("#/components/schemas/Error");
      }
    }
    JsonNode token = api.get("paths").get("/token").get("post").get("responses");
    assertThat(token.has("429")).isTrue();
    assertThat(token.get("429").get("headers").has("Retry-After")).isTrue();
    assertThat(api.get("paths").get("/generate-summary").get("post").get("responses").has("429")).isFalse();
    assertThat(api.get("paths").get("/ready").get("get").get("responses").has("503")).isTrue();
    assertThat(api.get("paths").get("/health").get("get").get("responses").has("503")).isFalse();
  }
}
