package dev.warmtransfer.speech.audio;

import dev.warmtransfer.testkit.TestAudio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StreamingResamplerTest {
  @Test
  void chunkedUpsamplingKeepsPitchLengthAndHasNoSeams() {
    short[] tone = TestAudio.tone(440, 2000, 22_050, 0.5);
    StreamingResampler r = new StreamingResampler(22_050, 24_000);
    short[] out = new short[0];
    for (int i = 0; i < tone.length; i += 441) {
      short[] part = r.process(Arrays.copyOfRange(tone, i, Math.min(tone.length, i + 441)));
      int at = out.length;
      out = Arrays.copyOf(out, at + part.length);
      System.arraycopy(part, 0, out, at, part.length);
    }
    assertThat((double) out.length).isCloseTo(48_000, within(3.0));
    assertThat(PcmTest.frequency(out, 24_000)).isCloseTo(440, within(2.0));
    // No seam: neighbouring samples of a 440 Hz tone at 24 kHz never differ by more than 2*pi*440/24000 of full scale.
    int maxStep = 0;
    for (int i = 1; i < out.length; i++) {
      maxStep = Math.max(maxStep, Math.abs(out[i] - out[i - 1]));
    }
    assertThat(maxStep).isLessThan((int) (0.5 * 32767 * 2 * Math.PI * 440 / 24_000 * 1.1));
  }
}
