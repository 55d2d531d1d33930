package dev.warmtransfer.bot.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A lead-in goes to WebRTC at once, in order; what follows keeps the 10 ms pace. */
class AudioPacerLeadInTest {
  /** Each pushed frame's first sample (its index below) and when it was pushed. */
  static final class TimedSource extends CustomAudioSource {
    static {
      AudioPacerTickTest.loadWebRtc();
    }

    record Push(long atNanos, short first) {}

    final List<Push> pushes = new CopyOnWriteArrayList<>();

    @Override
    public void pushAudio(byte[] audio, int bits, int rate, int channels, int frames) {
      pushes.add(new Push(System.nanoTime(), (short) ((audio[0] & 0xff) | (audio[1] << 8))));
    }
  }

  @Test
  void theLeadInFramesGoOutTogetherAndTheRestInRealTime() throws Exception {
    short[] clip = new short[30 * AudioPacer.FRAME];
    for (int f = 0; f < 30; f++) {
      clip[f * AudioPacer.FRAME] = (short) (f + 1); // frame f starts with f + 1; silence starts with 0
    }
    try (AudioPacer pacer = new AudioPacer()) {
      TimedSource source = new TimedSource();
      pacer.attach(source);
      Thread.sleep(50);
      CompletableFuture<Void> played = pacer.enqueue(clip, AudioPacer.RATE, 8);
      played.get(5, TimeUnit.SECONDS);
      List<TimedSource.Push> clipPushes = source.pushes.stream().filter(p -> p.first() != 0).toList();
      assertThat(clipPushes).extracting(TimedSource.Push::first)
          .containsExactly(java.util.stream.IntStream.rangeClosed(1, 30).mapToObj(i -> (short) i).toArray(Short[]::new));
      long leadMs = (clipPushes.get(7).atNanos() - clipPushes.get(0).atNanos()) / 1_000_000;
      long restMs = (clipPushes.get(29).atNanos() - clipPushes.get(7).atNanos()) / 1_000_000;
      assertThat(leadMs).as("8 lead-in frames pushed within one tick").isLessThan(5);
      assertThat(restMs).as("22 more frames paced at 10 ms").isGreaterThanOrEqualTo(100);
    }
  }
}
