package dev.warmtransfer.service.livekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warmtransfer.testkit.LiveKitServer;
import io.dropwizard.util.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A room that is gone (never made, deleted, or closed by LiveKit after its last participant left)
 * is "done" for the calls that address it, like a 404; only an unreachable LiveKit is an error.
 * LiveKit answers SendData to a missing room with 503, not 404: a transfer's last notice to its
 * deleted handoff room was retried five times and held up the transfer's later actions.
 */
class LiveKitControlGoneRoomTest {
  private static LiveKitControl control(String url, String key, String secret) {
    LiveKitConfig c = new LiveKitConfig();
    c.setUrl(url);
    c.setApiKey(key);
    c.setApiSecret(secret);
    c.setRequestTimeout(Duration.seconds(5));
    return new LiveKitControl(c);
  }

  @Test
  void callsAddressingAMissingOrDeletedRoomAreDoneNotErrors() {
    try (LiveKitServer lk = LiveKitServer.start()) {
      LiveKitControl livekit = control(lk.wsUrl(), lk.apiKey(), lk.apiSecret());
      byte[] hello = "{}".getBytes(StandardCharsets.UTF_8);
      assertThat(livekit.sendData("never-made", hello, List.of(), "wt.transfer")).isFalse();
      assertThat(livekit.sendData("never-made", hello, List.of("someone"), "wt.transfer")).isFalse();
      livekit.removeParticipant("never-made", "someone");
      assertThat(livekit.updateSubscriptions("never-made", "someone", List.of("TR_x"), true)).isFalse();

      livekit.createRoom("made-then-deleted", 60);
      assertThat(livekit.sendData("made-then-deleted", hello, List.of(), "wt.transfer")).isTrue();
      livekit.deleteRoom("made-then-deleted");
      assertThat(livekit.sendData("made-then-deleted", hello, List.of(), "wt.transfer")).isFalse();
    }
  }

  @Test
  void anUnreachableLiveKitIsStillAnError() {
    LiveKitControl livekit = control("ws://127.0.0.1:9", "devkey", "a-secret-of-some-length-0123456789abcdef");
    assertThatThrownBy(() -> livekit.sendData("any", new byte[0], List.of(), "wt.transfer"))
        .isInstanceOf(LiveKitUnavailableException.class);
  }
}
