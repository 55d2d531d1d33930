package dev.warmtransfer.bot.rtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warmtransfer.bot.audio.AudioPacer;
import dev.warmtransfer.bot.support.Tokens;
import dev.warmtransfer.testkit.LiveKitExtension;
import io.livekit.server.RoomServiceClient;
import java.time.Duration;
import java.util.List;
import livekit.LivekitModels;
import livekit.LivekitRtc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A session that fails half-way through its start leaves nothing behind. */
@EnabledIfEnvironmentVariable(named = "WT_TEST_IP", matches = ".+", disabledReason = "needs the test network: scripts/testnet.sh exec ...")
class RtcSessionStartTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();

  private static long sessionThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("rtc-session")).count();
  }

  @Test
  void aFailedStartLeavesTheRoomAndStopsItsThread() throws Exception {
    var lk = LIVEKIT.server();
    long threadsBefore = sessionThreads();
    RtcSession.Listener failing = new RtcSession.Listener() {
      @Override
      public void onJoined(LivekitRtc.JoinResponse join) {
        throw new IllegalStateException("the room above failed (test)");
      }
    };
    try (AudioPacer pacer = new AudioPacer()) {
      assertThatThrownBy(() -> RtcSession.connect(lk.wsUrl(), Tokens.token(lk, "half", "half-started"),
          new SessionOptions(Duration.ofSeconds(5), "voice", true), pacer, failing))
          .hasMessageContaining("the room above failed");
    }
    RoomServiceClient rooms = RoomServiceClient.createClient(lk.httpUrl(), lk.apiKey(), lk.apiSecret());
    long deadline = System.currentTimeMillis() + 5_000;
    List<LivekitModels.ParticipantInfo> left = rooms.listParticipants("half-started").execute().body();
    while (left != null && !left.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      left = rooms.listParticipants("half-started").execute().body();
    }
    assertThat(left).as("LiveKit no longer holds the half-started participant").isNullOrEmpty();
    assertThat(sessionThreads()).as("no session thread left running").isLessThanOrEqualTo(threadsBefore);
  }
}
