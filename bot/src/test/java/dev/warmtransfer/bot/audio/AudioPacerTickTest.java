package dev.warmtransfer.bot.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.testkit.TestAudio;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A frame WebRTC refused is not played: it waits for a source that takes it, and nobody is told otherwise. */
class AudioPacerTickTest {
  /** webrtc-java loads its native library with its factory class: a source made first, alone, would not link. */
  static void loadWebRtc() {
    try {
      Class.forName("dev.onvoid.webrtc.PeerConnectionFactory", true, AudioPacerTickTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A source being torn down: every push throws, as webrtc-java does for a disposed source. */
  static final class BrokenSource extends CustomAudioSource {
    static {
      loadWebRtc();
    }

    @Override
    public void pushAudio(byte[] audio, int bits, int rate, int channels, int frames) {
      throw new IllegalStateException("source disposed (test)");
    }
  }

  static final class RecordingSource extends CustomAudioSource {
    static {
      loadWebRtc();
    }

    final List<short[]> frames = new CopyOnWriteArrayList<>();

    @Override
    public void pushAudio(byte[] audio, int bits, int rate, int channels, int frames) {
      this.frames.add(Pcm.toShorts(audio));
    }
  }

  @Test
  void aFrameThatFailedToPushIsNeitherCountedNorReportedPlayedAndGoesOutOnTheNextSource() throws Exception {
    try (AudioPacer pacer = new AudioPacer()) {
      CompletableFuture<Void> played = pacer.enqueue(TestAudio.tone(440, 10, 48_000, 0.3), 48_000);
      pacer.attach(new BrokenSource());
      Thread.sleep(200);
      assertThat(played).as("not played: WebRTC refused it").isNotDone();
      assertThat(pacer.framesPushed()).isZero();
      assertThat(pacer.pushFailures()).isPositive();

      RecordingSource good = new RecordingSource();
      pacer.attach(good);
      played.get(2, TimeUnit.SECONDS);
      assertThat(pacer.framesPushed()).isPositive();
      assertThat(TestAudio.dominant(good.frames.get(0), 48_000, 300, 600)).isBetween(400.0, 480.0);
    }
  }
}
