package dev.warmtransfer.bot.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.bot.audio.AudioPacer;
import dev.warmtransfer.bot.rtc.RtcSession;
import dev.warmtransfer.bot.rtc.SessionOptions;
import dev.warmtransfer.bot.support.Signals;
import dev.warmtransfer.bot.support.Tokens;
import dev.warmtransfer.testkit.LiveKitExtension;
import dev.warmtransfer.testkit.RequiresTestNetwork;
import dev.warmtransfer.testkit.TestAudio;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import livekit.LivekitModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A quiet voice is muted at LiveKit, so listeners see it muted; livekit-client then disables the
 * track until LiveKit says it is unmuted. That word must reach a listener before the first audible
 * frame does, or a browser would swallow the first words: checked at a listener that sees both.
 */
@RequiresTestNetwork
class QuietVoiceMuteTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();

  /** What a listener saw of P: when its track was first reported muted, then unmuted, and its first audible frame. */
  private static final class Watch implements RtcSession.Listener {
    volatile long muted;
    volatile long unmuted;
    volatile long audible;

    @Override
    public void onParticipants(List<LivekitModels.ParticipantInfo> participants) {
      for (LivekitModels.ParticipantInfo p : participants) {
        if (p.getIdentity().equals("p") && p.getTracksCount() > 0) {
          boolean m = p.getTracks(0).getMuted();
          if (m && muted == 0) {
            muted = System.nanoTime();
          } else if (!m && muted != 0 && unmuted == 0) {
            unmuted = System.nanoTime();
          }
        }
      }
    }

    @Override
    public void onAudio(String trackSid, short[] samples48k) {
      if (muted != 0 && audible == 0 && Signals.audible(samples48k)) {
        audible = System.nanoTime();
      }
    }
  }

  @Test
  void listenersSeeAQuietVoiceMutedAndLearnItSpeaksAgainBeforeTheyHearIt() throws Exception {
    String url = LIVEKIT.server().wsUrl();
    for (int run = 0; run < 3; run++) {
      Watch watch = new Watch();
      String room = "quiet-" + run;
      try (Room p = Room.connect(url, Tokens.token(LIVEKIT.server(), "p", room), RoomOptions.defaults().withAutoSubscribe(false),
              new RoomListener() {});
          AudioPacer nothing = new AudioPacer()) {
        RtcSession q = RtcSession.connect(url, Tokens.token(LIVEKIT.server(), "q", room),
            new SessionOptions(Duration.ofSeconds(10), null, true), nothing, watch);
        try {
          Thread.sleep(2_000); // past P's silent tail
          assertThat(watch.muted).as("Q saw P's quiet track muted").isPositive();
          long play = System.nanoTime();
          p.play(TestAudio.tone(440, 1_000, 48_000, 0.3), 48_000).get(10, TimeUnit.SECONDS);
          Thread.sleep(300);
          System.out.printf("run %d: unmuted at Q %d ms after play(), first audible frame %d ms%n", run,
              (watch.unmuted - play) / 1_000_000, (watch.audible - play) / 1_000_000);
          assertThat(watch.unmuted).as("Q learnt P is unmuted").isPositive();
          assertThat(watch.audible).as("Q heard P").isPositive();
          assertThat(watch.unmuted).as("unmuted before the first audible frame").isLessThan(watch.audible);
        } finally {
          q.close();
        }
      }
    }
  }
}
