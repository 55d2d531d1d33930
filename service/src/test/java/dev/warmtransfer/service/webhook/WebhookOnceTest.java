package dev.warmtransfer.service.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.service.support.SignedWebhooks;
import dev.warmtransfer.testkit.LiveKitExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import livekit.LivekitWebhook.WebhookEvent;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 10: a replayed signed webhook was applied again; a signed body that is not JSON gave a 500. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookOnceTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();
  private static final ObjectMapper JSON = new ObjectMapper();
  private ServiceUnderTest service;
  private SignedWebhooks hooks;
  private final List<WebhookEvent> applied = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() throws Exception {
    service = new ServiceUnderTest(LIVEKIT.server());
    hooks = new SignedWebhooks(service);
    service.application().roomActivity().addListener(new RoomActivity.Listener() {
      @Override
      public void onEvent(WebhookEvent event) {
        applied.add(event);
      }
    });
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void aReplayedWebhookIsAppliedOnce() throws Exception {
    WebhookEvent left = SignedWebhooks.participant("participant_left", "replayed-room", "caller-1", Map.of("role", "caller"));
    try (Response first = hooks.send(left)) {
      assertThat(first.code()).isEqualTo(200);
    }
    try (Response again = hooks.send(left)) {
      // Still a 200: LiveKit must not retry it; but nothing is applied a second time.
      assertThat(again.code()).isEqualTo(200);
    }
    assertThat(applied).filteredOn(e -> e.getId().equals(left.getId())).hasSize(1);
    assertThat(service.application().roomActivity().participants("replayed-room")).isEmpty();
  }

  @Test
  void aReplayedJoinDoesNotBringBackSomeoneWhoLeft() throws Exception {
    WebhookEvent joined = SignedWebhooks.participant("participant_joined", "order-room", "agent-x", Map.of("role", "agent"));
    WebhookEvent left = SignedWebhooks.participant("participant_left", "order-room", "agent-x", Map.of("role", "agent"));
    hooks.send(joined).close();
    hooks.send(left).close();
    hooks.send(joined).close();
    assertThat(service.application().roomActivity().participants("order-room")).doesNotContain("agent-x");
  }

  @Test
  void aSignedBodyThatIsNotJsonIsA400NamingTheBody() throws Exception {
    try (Response r = hooks.send("this is not json".getBytes(StandardCharsets.UTF_8))) {
      assertThat(r.code()).isEqualTo(400);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      JsonNode body = JSON.readTree(r.body().string());
      assertThat(body.get("field").asText()).isEqualTo("body");
      assertThat(body.toString()).doesNotContain("Exception").doesNotContain("at dev.");
    }
    try (Response r = hooks.send("[1,2,3]".getBytes(StandardCharsets.UTF_8))) {
      assertThat(r.code()).isEqualTo(400);
    }
  }
}
