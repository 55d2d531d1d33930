package dev.warmtransfer.bot.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.testkit.TestAudio;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** clear(): everything queued goes at once, open streams are cancelled, the pacer stays usable. */
class AudioPacerClearTest {
  @Test
  void clearDropsQueuedSpeechCancelsOpenStreamsAndLaterSpeechStillPlays() {
    try (AudioPacer pacer = new AudioPacer()) {
      CompletableFuture<Void> queued = pacer.enqueue(TestAudio.tone(440, 2000, 48_000, 0.3), 48_000);
      AudioPacer.Stream stream = pacer.stream();
      stream.write(Pcm.toBytes(TestAudio.tone(440, 500, 24_000, 0.3)), 24_000);
      assertThat(pacer.isPlaying()).isTrue();

      pacer.clear();

      assertThat(pacer.queuedFrames()).isZero();
      assertThat(pacer.isPlaying()).isFalse();
      assertThat(queued).isCancelled();
      assertThat(stream.played()).isCancelled();
      // The synthesizer that fed the stream may still be writing: its late chunks are ignored.
      stream.write(Pcm.toBytes(TestAudio.tone(440, 500, 24_000, 0.3)), 24_000);
      stream.end();
      assertThat(pacer.queuedFrames()).isZero();

      CompletableFuture<Void> next = pacer.enqueue(TestAudio.tone(880, 100, 48_000, 0.3), 48_000);
      assertThat(pacer.queuedFrames()).isEqualTo(10);
      assertThat(next).isNotDone();
      assertThat(TestAudio.dominant(pacer.drain(), 48_000, 300, 1000)).isBetween(870.0, 890.0);
    }
  }
}
