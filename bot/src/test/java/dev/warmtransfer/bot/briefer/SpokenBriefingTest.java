package dev.warmtransfer.bot.briefer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.speech.tts.EspeakSynthesizer;
import org.junit.jupiter.api.Test;

class SpokenBriefingTest {
  @Test
  void leadingSilenceIsCutToOneMillisecond() {
    short[] s = new short[24_000 + 100];
    s[24_000] = 5_000;
    short[] t = SpokenBriefing.trimLeadingSilence(s, 24_000);
    assertThat(t.length).isEqualTo(100 + 24);
    assertThat(t[24]).isEqualTo((short) 5_000);
  }

  @Test
  void espeakSpeaksTheBriefingIntoMemoryStartingAtOnce() {
    SpokenBriefing b = SpokenBriefing.synthesize(new EspeakSynthesizer(), "Account one two three four five.");
    assertThat(b.provider()).isEqualTo("local");
    assertThat(b.durationMs()).isBetween(1_000L, 6_000L);
    // Within the first 10 ms something is already audible.
    int loud = 0;
    for (int i = 0; i < b.sampleRate() / 100; i++) {
      loud = Math.max(loud, Math.abs(b.samples()[i]));
    }
    assertThat(loud).isGreaterThanOrEqualTo(SpokenBriefing.SILENCE_LEVEL);
  }
}
