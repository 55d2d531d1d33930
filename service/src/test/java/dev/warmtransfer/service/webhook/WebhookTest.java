package dev.warmtransfer.service.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.service.support.ServiceUnderTest;
import dev.warmtransfer.service.support.SignalRecorder;
import dev.warmtransfer.testkit.FreePorts;
import dev.warmtransfer.testkit.LiveKitServer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import livekit.LivekitWebhook.WebhookEvent;
import livekit.LivekitRtc.SignalResponse.MessageCase;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The real LiveKit posts signed webhooks to the service; forged ones are refused. */
class WebhookTest {
  @Test
  void liveKitWebhooksReachTheServiceAndForgedOnesAreRefused() throws Exception {
    int port = FreePorts.tcp("127.0.0.1"); // LiveKit must know the webhook URL before the service starts
    String hook = "http://127.0.0.1:" + port + "/livekit/webhook";
    try (LiveKitServer livekit = LiveKitServer.builder().webhookUrl(hook).start();
        ServiceUnderTest service = new ServiceUnderTest(livekit, port)) {
      String token = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(service.post("/token", "{\"identity\":\"caller-9\",\"room\":\"hooked\"}").body().string())
          .get("token").asText();
      BlockingQueue<WebhookEvent> received = new LinkedBlockingQueue<>();
      service.application().roomActivity().addListener(new RoomActivity.Listener() {
        @Override
        public void onEvent(WebhookEvent event) {
          received.add(event);
        }
      });
      try (SignalRecorder signal = SignalRecorder.open(service.http, livekit.wsUrl(), token)) {
        assertThat(signal.await(MessageCase.JOIN, 10_000)).isNotNull();
        // participant_joined comes once media is up; a signalling-only client never gets there,
        // so room_started is the webhook this test can count on.
        WebhookEvent event = received.poll(15, TimeUnit.SECONDS);
        assertThat(event).as("a verified webhook from LiveKit").isNotNull();
        assertThat(event.getEvent()).isEqualTo("room_started");
        assertThat(event.getRoom().getName()).isEqualTo("hooked");
      }

      try (Response forged =
          service.post("/livekit/webhook", "{\"event\":\"room_finished\",\"room\":{\"name\":\"hooked\"}}",
              "application/webhook+json")) {
        assertThat(forged.code()).isEqualTo(401);
        assertThat(forged.body().string()).contains("\"field\":\"Authorization\"");
      }
    }
  }
}
