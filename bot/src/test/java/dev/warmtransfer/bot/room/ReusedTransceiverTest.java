package dev.warmtransfer.bot.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.bot.support.Tokens;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.testkit.LiveKitExtension;
import dev.warmtransfer.testkit.RequiresTestNetwork;
import dev.warmtransfer.testkit.TestAudio;
import io.livekit.server.RoomServiceClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LiveKit reuses a subscriber transceiver that an unsubscribed track left inactive for the next
 * track it sends us (same m-line, new msid). Whose audio a frame is must follow the new track, not
 * the receiver's first one: the call assistant labels transcripts by it, and a caller put on hold
 * (A's track unsubscribed server-side) then hearing another participant must not be "hearing A".
 */
@RequiresTestNetwork
class ReusedTransceiverTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();
  private static final RoomOptions FAST = new RoomOptions(Duration.ofSeconds(5), 8, Duration.ofMillis(500), "voice");

  /** Audible frames per identity, counted from a moment on. */
  static final class Loudness implements RoomListener {
    final Map<String, AtomicInteger> audible = new ConcurrentHashMap<>();
    volatile boolean counting = true;

    @Override
    public void onAudio(String identity, String trackSid, short[] samples) {
      if (counting && Pcm.rmsDbfs(samples, 0, samples.length) > -40) {
        audible.computeIfAbsent(identity, k -> new AtomicInteger()).incrementAndGet();
      }
    }

    int of(String identity) {
      AtomicInteger n = audible.get(identity);
      return n == null ? 0 : n.get();
    }
  }

  @Test
  void audioOnAReusedTransceiverIsTheNewPublishers() throws Exception {
    String room = "reuse";
    Loudness ears = new Loudness();
    try (Room listener = Room.connect(LIVEKIT.server().wsUrl(), Tokens.token(LIVEKIT.server(), "listener", room), FAST, ears);
        Room first = Room.connect(LIVEKIT.server().wsUrl(), Tokens.token(LIVEKIT.server(), "first", room), FAST, new RoomListener() {})) {
      first.play(TestAudio.tone(500, 60_000, 48_000, 0.3), 48_000);
      awaitAudible(ears, "first", 50);

      // Server-side, as the transfer's hold does: the listener stops receiving the first's track.
      RoomServiceClient rooms = RoomServiceClient.createClient(
          LIVEKIT.server().httpUrl(), LIVEKIT.server().apiKey(), LIVEKIT.server().apiSecret());
      assertThat(rooms.updateSubscriptions(room, "listener", List.of(first.localAudioTrackSid()), false).execute().isSuccessful())
          .isTrue();
      Thread.sleep(1_000);
      ears.audible.clear();
      try (Room second = Room.connect(LIVEKIT.server().wsUrl(), Tokens.token(LIVEKIT.server(), "second", room), FAST,
          new RoomListener() {})) {
        second.play(TestAudio.tone(900, 60_000, 48_000, 0.3), 48_000);
        awaitAudible(ears, "second", 100);
        Thread.sleep(1_000);
        assertThat(ears.of("first")).as("frames labelled with the unsubscribed publisher; all: " + ears.audible).isZero();
      }
    }
  }

  private static void awaitAudible(Loudness ears, String identity, int frames) throws InterruptedException {
    long end = System.currentTimeMillis() + 15_000;
    while (ears.of(identity) < frames && System.currentTimeMillis() < end) {
      Thread.sleep(50);
    }
    assertThat(ears.of(identity)).as("audible frames from " + identity + "; all: " + ears.audible).isGreaterThanOrEqualTo(frames);
  }
}
