package dev.warmtransfer.speech.transcribe;

import dev.warmtransfer.testkit.TestAudio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warmtransfer.speech.support.Tones;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceActivityDetectorTest {
  @Test
  void silenceEndsAnUtteranceAndTimesAreInCallTime() {
    List<VoiceActivityDetector.Utterance> out = new ArrayList<>();
    VoiceActivityDetector vad = new VoiceActivityDetector(48_000, out::add);
    short[] call = TestAudio.concat(
        Tones.silence(500, 48_000), TestAudio.tone(300, 1200, 48_000, 0.3),
        Tones.silence(300, 48_000), TestAudio.tone(300, 400, 48_000, 0.3), // a short pause does not split
        Tones.silence(1000, 48_000), TestAudio.tone(500, 800, 48_000, 0.3), Tones.silence(1000, 48_000));
    // Fed in odd-sized pieces, as a network delivers them.
    for (int i = 0; i < call.length; i += 777) {
      vad.accept(java.util.Arrays.copyOfRange(call, i, Math.min(call.length, i + 777)), 10_000);
    }
    assertThat(out).hasSize(2);
    assertThat((double) out.get(0).startMs()).isCloseTo(10_500 - 200, within(30.0)); // with 200 ms pre-roll
    assertThat((double) out.get(0).endMs()).isCloseTo(10_500 + 1900, within(40.0));
    assertThat((double) out.get(1).startMs()).isCloseTo(13_400 - 200, within(30.0));
    assertThat(out.get(1).audio().durationMs()).isBetween(900L, 1100L);
  }

  @Test
  void longSpeechIsCutAtTheCap() {
    List<VoiceActivityDetector.Utterance> out = new ArrayList<>();
    VoiceActivityDetector vad = new VoiceActivityDetector(16_000, -42, 600, 2_000, out::add);
    vad.accept(TestAudio.tone(200, 5_000, 16_000, 0.3), 0);
    vad.flush();
    assertThat(out).hasSize(3);
    assertThat(out.get(0).audio().durationMs()).isEqualTo(2_000);
    assertThat(out.get(1).audio().durationMs()).isEqualTo(2_000);
  }
}
