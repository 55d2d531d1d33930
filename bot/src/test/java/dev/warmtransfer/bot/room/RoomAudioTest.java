package dev.warmtransfer.bot.room;

import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.testkit.RequiresTestNetwork;
import dev.warmtransfer.testkit.TestAudio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warmtransfer.bot.support.AudioRecorder;
import dev.warmtransfer.bot.support.Signals;
import dev.warmtransfer.bot.support.Tokens;
import dev.warmtransfer.testkit.LiveKitExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real media through the real LiveKit server, inside the test network namespace. */
@RequiresTestNetwork
class RoomAudioTest {
  @RegisterExtension static final LiveKitExtension LIVEKIT = new LiveKitExtension();

  private Room join(String identity, String room, AudioRecorder rec) {
    return Room.connect(LIVEKIT.server().wsUrl(), Tokens.token(LIVEKIT.server(), identity, room), RoomOptions.defaults(), rec);
  }

  @Test
  void toneFromPArrivesAtQWithItsPitchLevelAndFrames() throws Exception {
    AudioRecorder pRec = new AudioRecorder();
    AudioRecorder qRec = new AudioRecorder();
    try (Room p = join("p", "tone", pRec); Room q = join("q", "tone", qRec)) {
      short[] tone = TestAudio.tone(440, 6000, 48_000, 0.3);
      p.play(tone, 48_000).get(20, TimeUnit.SECONDS);
      Thread.sleep(500);

      List<short[]> heard = Signals.fromFirstAudible(qRec.framesFrom("p"));
      assertThat(heard).as("Q heard P").isNotEmpty();
      List<short[]> window = heard.subList(0, Math.min(heard.size(), 500)); // 5 s of 10 ms frames
      long audible = window.stream().filter(Signals::audible).count();
      assertThat(audible).as("audible frames of 500 over 5 s").isGreaterThanOrEqualTo(475);
      short[] middle = TestAudio.join(window.subList(100, 200));
      assertThat(TestAudio.dominant(middle, 48_000, 300, 600)).isCloseTo(440, within(5.0));
      assertThat(Pcm.rmsDbfs(middle, 0, middle.length)).isCloseTo(Pcm.rmsDbfs(tone, 0, tone.length), within(3.0));
    }
  }
}
