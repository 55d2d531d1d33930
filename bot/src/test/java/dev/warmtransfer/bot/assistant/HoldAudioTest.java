package dev.warmtransfer.bot.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.audio.Wav;
import dev.warmtransfer.testkit.TestAudio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoldAudioTest {
  @Test
  void theDefaultIsMusicNotSilenceAndNotOneTone() {
    PcmAudio hold = HoldAudio.generate();
    short[] s = hold.samples();
    assertThat(hold.durationMs()).isEqualTo(8_000);
    // Every half second carries sound at a comfortable level, not clipping.
    for (int i = 0; i + 24_000 <= s.length; i += 24_000) {
      assertThat(Pcm.rmsDbfs(s, i, i + 24_000)).as("level at %d ms", i / 48).isBetween(-30.0, -10.0);
    }
    // The strongest note changes over time: several distinct pitches, as a melody has.
    Set<Long> pitches = new HashSet<>();
    for (int i = 0; i + 9_600 <= s.length; i += 12_000) {
      pitches.add(Math.round(TestAudio.dominant(Arrays.copyOfRange(s, i, i + 9_600), 48_000, 150, 600) / 10.0));
    }
    assertThat(pitches).as("distinct dominant pitches (10 Hz bins)").hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void theLoopHasNoClickWhereItJoins() {
    short[] s = HoldAudio.generate().samples();
    assertThat(Math.abs(s[s.length - 1] - s[0])).isLessThan(2_000);
  }

  @Test
  void aConfiguredWavIsUsed(@TempDir Path dir) throws Exception {
    short[] tone = TestAudio.tone(330, 1000, 16_000, 0.2);
    Path wav = dir.resolve("hold.wav");
    Files.write(wav, Wav.encode(new PcmAudio(tone, 16_000)));
    PcmAudio loaded = HoldAudio.load(wav);
    assertThat(loaded.sampleRate()).isEqualTo(16_000);
    assertThat(loaded.samples()).isEqualTo(tone);
  }
}
