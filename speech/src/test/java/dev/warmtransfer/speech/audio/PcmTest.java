package dev.warmtransfer.speech.audio;

import dev.warmtransfer.testkit.TestAudio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class PcmTest {
  /** Zero crossings per second / 2: a frequency estimate good enough for a clean tone. */
  static double frequency(short[] s, int rate) {
    int crossings = 0;
    for (int i = 1; i < s.length; i++) {
      if ((s[i - 1] < 0) != (s[i] < 0)) {
        crossings++;
      }
    }
    return crossings / 2.0 / ((double) s.length / rate);
  }

  @Test
  void resamplingKeepsPitchLevelAndDuration() {
    short[] tone48 = TestAudio.tone(440, 1000, 48_000, 0.5);
    short[] tone16 = Pcm.resample(tone48, 48_000, 16_000);
    assertThat(tone16.length).isEqualTo(16_000);
    assertThat(frequency(tone16, 16_000)).isCloseTo(440, within(3.0));
    assertThat(Pcm.rmsDbfs(tone16, 0, tone16.length)).isCloseTo(Pcm.rmsDbfs(tone48, 0, tone48.length), within(0.5));
    short[] up = Pcm.resample(tone16, 16_000, 24_000);
    assertThat(up.length).isEqualTo(24_000);
    assertThat(frequency(up, 24_000)).isCloseTo(440, within(3.0));
  }

  @Test
  void wavRoundTrip() throws Exception {
    PcmAudio a = new PcmAudio(TestAudio.tone(300, 250, 16_000, 0.3), 16_000);
    byte[] wav = Wav.encode(a);
    assertThat(wav).hasSize(44 + 16_000 / 4 * 2);
    PcmAudio b = Wav.decode(new ByteArrayInputStream(wav));
    assertThat(b.sampleRate()).isEqualTo(16_000);
    assertThat(b.samples()).isEqualTo(a.samples());
  }
}
