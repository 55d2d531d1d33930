package dev.warmtransfer.bot.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.bot.audio.AudioPacerTickTest.RecordingSource;
import dev.warmtransfer.testkit.TestAudio;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An idle voice pushes nothing after a short silent tail (so WebRTC encodes nothing), says when it
 * goes quiet, and says it speaks again before its next frame goes out, which then plays whole.
 */
class AudioPacerQuietTest {
  /** Attaches {@code source}; what the pacer says of going quiet, with the frames pushed by then. */
  private static List<Object> attachRecording(AudioPacer pacer, RecordingSource source) {
    List<Object> events = new CopyOnWriteArrayList<>();
    pacer.onQuiet(quiet -> events.add(quiet ? "quiet" : "speaking:" + source.frames.size()));
    pacer.attach(source);
    return events;
  }

  @Test
  void afterItsSilentTailTheVoicePushesNothingAndSaysSoThenSpeaksAgainWhole() throws Exception {
    RecordingSource source = new RecordingSource();
    try (AudioPacer pacer = new AudioPacer()) {
      List<Object> events = attachRecording(pacer, source);
      Thread.sleep(AudioPacer.IDLE_TICKS * 10L + 1_000);
      int tail = source.frames.size();
      assertThat(tail).as("silent frames before going quiet").isBetween(AudioPacer.IDLE_TICKS - 2, AudioPacer.IDLE_TICKS);
      assertThat(events).containsExactly("quiet");
      Thread.sleep(500);
      assertThat(source.frames).as("nothing pushed while quiet").hasSize(tail);

      short[] tone = TestAudio.tone(440, 300, 48_000, 0.3);
      pacer.enqueue(tone, 48_000).get(5, TimeUnit.SECONDS);
      // Told before the first frame of the tone was pushed, and only once.
      assertThat(events).containsExactly("quiet", "speaking:" + tail);
      List<short[]> played = List.copyOf(source.frames).subList(tail, tail + 30);
      assertThat(TestAudio.dominant(TestAudio.join(played), 48_000, 300, 600)).isBetween(430.0, 450.0);
      short[] all = TestAudio.join(played);
      assertThat(all).as("the whole tone, from its first sample").containsExactly(tone);

      Thread.sleep(AudioPacer.IDLE_TICKS * 10L + 1_000);
      assertThat(events).containsExactly("quiet", "speaking:" + tail, "quiet");
    }
  }

  @Test
  void standingByUnmutesAQuietVoiceAtOnceSendsNothingMeanwhileAndItsSpeechNeedsNoFurtherUnmute() throws Exception {
    RecordingSource source = new RecordingSource();
    try (AudioPacer pacer = new AudioPacer()) {
      List<Object> events = attachRecording(pacer, source);
      Thread.sleep(AudioPacer.IDLE_TICKS * 10L + 500);
      int tail = source.frames.size();
      assertThat(events).containsExactly("quiet");

      pacer.standBy();
      Thread.sleep(AudioPacer.IDLE_TICKS * 10L + 500);
      assertThat(events).as("unmuted by standing by, and not muted again while it waits")
          .containsExactly("quiet", "speaking:" + tail);
      assertThat(source.frames).as("nothing pushed while standing by").hasSize(tail);

      short[] tone = TestAudio.tone(440, 300, 48_000, 0.3);
      pacer.enqueue(tone, 48_000).get(5, TimeUnit.SECONDS);
      assertThat(events).as("no unmute of its own for the speech").containsExactly("quiet", "speaking:" + tail);
      assertThat(TestAudio.join(List.copyOf(source.frames).subList(tail, tail + 30))).containsExactly(tone);

      // Speech ended the stand-by: the voice goes quiet after its tail as usual.
      Thread.sleep(AudioPacer.IDLE_TICKS * 10L + 1_000);
      assertThat(events).containsExactly("quiet", "speaking:" + tail, "quiet");
    }
  }

  @Test
  void playNowPushesTheNextFrameWithoutWaitingForTheTick() throws Exception {
    RecordingSource source = new RecordingSource();
    try (AudioPacer pacer = new AudioPacer()) {
      pacer.attach(source);
      pacer.standBy();
      Thread.sleep(AudioPacer.IDLE_TICKS * 10L + 300);
      int before = source.frames.size();
      pacer.enqueue(TestAudio.tone(440, 1_000, 48_000, 0.3), 48_000);
      long t0 = System.nanoTime();
      for (int i = 0; i < 40; i++) {
        pacer.playNow();
      }
      while (source.frames.size() < before + 40 && System.nanoTime() - t0 < 2_000_000_000L) {
        Thread.sleep(1);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      // 40 frames on the 10 ms clock alone would take 400 ms.
      assertThat(source.frames.size() - before).isGreaterThanOrEqualTo(40);
      assertThat(ms).as("ms for 40 frames").isLessThan(200);
    }
  }
}
