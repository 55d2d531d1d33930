package dev.warmtransfer.bot.audio;

import dev.warmtransfer.testkit.TestAudio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.warmtransfer.speech.audio.Pcm;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Streaming speech into the pacer: whole frames at once, no seams, nothing lost at the end. */
class AudioPacerStreamTest {
  @Test
  void chunksOfAnySizeBecomeWholeFramesAsTheyArriveAndTheToneSurvivesTheSeams() {
    try (AudioPacer pacer = new AudioPacer()) {
      short[] tone = TestAudio.tone(440, 1000, 24_000, 0.3); // 1 s at OpenAI's 24 kHz
      AudioPacer.Stream stream = pacer.stream();
      stream.write(Pcm.toBytes(Arrays.copyOfRange(tone, 0, 1234)), 24_000);
      // 1234 samples at 24 kHz are 2468 at 48 kHz: five whole frames queued before the rest exists.
      assertThat(pacer.queuedFrames()).isEqualTo(5);
      for (int i = 1234; i < tone.length; i += 777) {
        stream.write(Pcm.toBytes(Arrays.copyOfRange(tone, i, Math.min(tone.length, i + 777))), 24_000);
      }
      stream.end();
      assertThat(pacer.queuedFrames()).isEqualTo(101); // 100 frames of tone, then the end marker
      assertThat(stream.played()).isNotDone(); // nothing attached: nothing played yet

      short[] out = pacer.drain();
      assertThat(TestAudio.dominant(Arrays.copyOfRange(out, 4_800, 43_200), 48_000, 300, 600)).isCloseTo(440, within(2.0));
      // A seam between chunks would show up as a jump far larger than the tone's own slope.
      int maxStep = 0;
      for (int i = 1; i < 48_000; i++) {
        maxStep = Math.max(maxStep, Math.abs(out[i] - out[i - 1]));
      }
      double toneSlope = 2 * Math.PI * 440 / 48_000 * 0.3 * Short.MAX_VALUE;
      assertThat((double) maxStep).isLessThan(toneSlope * 1.2);
      assertThatThrownBy(() -> stream.write(new byte[2], 24_000)).isInstanceOf(IllegalStateException.class);
    }
  }
}
