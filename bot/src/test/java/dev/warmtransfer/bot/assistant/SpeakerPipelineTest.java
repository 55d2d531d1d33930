package dev.warmtransfer.bot.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.testkit.TestAudio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One speaker's utterance: interims carry what was said so far, the final all of it, in one segment. */
class SpeakerPipelineTest {
  @Test
  void interimsArePrefixesOfTheFinalUtteranceOfTheSameSegment() {
    List<SpeakerPipeline.Request> out = new ArrayList<>();
    SpeakerPipeline p = new SpeakerPipeline("caller", out::add);
    short[] silence = new short[480];
    short[] speech = TestAudio.tone(300, 4_000, 48_000, 0.3);
    long ms = 0;
    for (int i = 0; i < 50; i++, ms += 10) {
      p.accept(silence, ms);
    }
    for (int i = 0; i + 480 <= speech.length; i += 480, ms += 10) {
      p.accept(Arrays.copyOfRange(speech, i, i + 480), ms);
    }
    for (int i = 0; i < 100; i++, ms += 10) {
      p.accept(silence, ms);
    }

    // 4 s of speech: interims after about 1.5 s and 3.5 s, then the final once 600 ms were quiet.
    assertThat(out).hasSize(3);
    SpeakerPipeline.Request last = out.get(2);
    assertThat(last.isFinal()).isTrue();
    assertThat(out.subList(0, 2)).allSatisfy(r -> {
      assertThat(r.isFinal()).isFalse();
      assertThat(r.segmentId()).isEqualTo(last.segmentId());
      short[] soFar = r.audio().samples();
      assertThat(soFar).isEqualTo(Arrays.copyOf(last.audio().samples(), soFar.length));
    });
    assertThat(out.get(0).audio().durationMs()).isBetween(1_500L, 1_800L);
    assertThat(out.get(1).audio().durationMs()).isBetween(3_500L, 3_800L);
    assertThat(last.audio().durationMs()).isBetween(4_000L, 4_300L);
    assertThat(last.startMs()).isBetween(300L, 500L); // the speech began at 500 ms; a little lead-in is kept
  }
}
