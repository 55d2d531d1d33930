package dev.warmtransfer.bot.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.bot.support.Tokens;
import dev.warmtransfer.testkit.LiveKitExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signalling alone (no media), against the real LiveKit server. */
class SignalClientTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();

  @Test
  void oneProcessHoldsMoreThanSixtyFourSignallingConnections() {
    // OkHttp's default dispatcher would leave the 65th waiting forever: an open WebSocket keeps its call.
    List<SignalClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < 70; i++) {
        SignalClient.Connected c = SignalClient.connect(LIVEKIT.server().wsUrl(),
            Tokens.token(LIVEKIT.server(), "p" + i, "crowd-" + (i % 7)), Duration.ofSeconds(5), false,
            new SignalClient.Listener() {});
        assertThat(c.join().getParticipant().getIdentity()).isEqualTo("p" + i);
        open.add(c.client());
      }
    } finally {
      open.forEach(SignalClient::leave);
    }
    assertThat(open).hasSize(70);
  }
}
