package dev.warmtransfer.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.testkit.LiveKitServer;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * LiveKit going away is an outage to report (503 on LiveKit calls and on /ready), not a crash (500),
 * and not a reason to call the service dead: /health stays 200 so an orchestrator does not restart it.
 */
class LiveKitDownTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readinessAndRoomCallsAnswer503WhileLiveKitIsDownHealthStays200() throws Exception {
    try (LiveKitServer livekit = LiveKitServer.start();
        ServiceUnderTest service = new ServiceUnderTest(livekit)) {
      assertThat(service.get("/health").code()).isEqualTo(200);
      assertThat(service.get("/ready").code()).isEqualTo(200);

      livekit.kill();
      Thread.sleep(1_100); // health answers are reused for one second

      try (Response health = service.get("/health")) {
        assertThat(health.code()).isEqualTo(200);
        JsonNode body = JSON.readTree(health.body().string());
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("livekit").get("reachable").asBoolean()).isFalse();
        assertThat(body.get("livekit").get("error").asText()).contains("unreachable");
      }
      try (Response ready = service.get("/ready")) {
        assertThat(ready.code()).isEqualTo(503);
        assertThat(ready.header("Retry-After")).isNotNull();
        JsonNode body = JSON.readTree(ready.body().string());
        assertThat(body.get("ready").asBoolean()).isFalse();
        assertThat(body.get("error").asText()).contains("livekit");
        assertThat(body.get("checks").get("livekit").get("ok").asBoolean()).isFalse();
        assertThat(body.toString()).doesNotContain(livekit.apiSecret());
      }
      try (Response create = service.post("/create-room", "{\"room\":\"while-down\"}")) {
        assertThat(create.code()).isEqualTo(503);
        assertThat(create.header("Retry-After")).isNotNull();
        JsonNode body = JSON.readTree(create.body().string());
        assertThat(body.get("error").asText()).contains("LiveKit").contains("unreachable");
        assertThat(body.toString()).doesNotContain(livekit.apiSecret());
      }
      // Tokens are signed locally: callers can still be handed one while LiveKit restarts.
      assertThat(service.post("/token", "{\"identity\":\"a\",\"room\":\"r\"}").code()).isEqualTo(200);

      livekit.restart();
      Thread.sleep(1_100);
      assertThat(service.get("/health").code()).isEqualTo(200);
      assertThat(service.get("/ready").code()).isEqualTo(200);
      assertThat(service.post("/create-room", "{\"room\":\"after-restart\"}").code()).isEqualTo(200);
    }
  }
}
