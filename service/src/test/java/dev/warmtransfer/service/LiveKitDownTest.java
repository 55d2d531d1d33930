package dev.warmtransfer.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.testkit.LiveKitServer;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** LiveKit going away is an outage to report (503), not a crash (500); it recovers by itself. */
class LiveKitDownTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void healthAndRoomCallsAnswer503WhileLiveKitIsDownAndRecoverAfter() throws Exception {
    try (LiveKitServer livekit = LiveKitServer.start();
        ServiceUnderTest service = new ServiceUnderTest(livekit)) {
      assertThat(service.get("/health").code()).isEqualTo(200);

      livekit.kill();

      try (Response health = service.get("/health")) {
        assertThat(health.code()).isEqualTo(503);
        JsonNode body = JSON.readTree(health.body().string());
        assertThat(body.get("status").asText()).isEqualTo("unhealthy");
        assertThat(body.get("livekit").get("reachable").asBoolean()).isFalse();
        assertThat(body.get("livekit").get("error").asText()).contains("unreachable");
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
      assertThat(service.get("/health").code()).isEqualTo(200);
      assertThat(service.post("/create-room", "{\"room\":\"after-restart\"}").code()).isEqualTo(200);
    }
  }
}
