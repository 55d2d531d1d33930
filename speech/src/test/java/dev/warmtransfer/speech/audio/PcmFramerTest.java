package dev.warmtransfer.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcmFramerTest {
  @Test
  void anyChunkSizesBecomeExact10msFramesInOrder() {
    List<PcmFramer.Frame> frames = new ArrayList<>();
    PcmFramer framer = new PcmFramer(frames::add);
    byte[] all = new byte[24_000 * 2 / 10 + 100]; // 100 ms + 50 samples at 24 kHz
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    int[] chunks = {7, 480, 1, 1000, 2, 3333};
    int pos = 0;
    for (int i = 0; pos < all.length; i++) {
      int n = Math.min(chunks[i % chunks.length] & ~1, all.length - pos);
      n = Math.max(n, 2);
      byte[] c = new byte[n];
      System.arraycopy(all, pos, c, 0, n);
      framer.write(c, 24_000);
      pos += n;
    }
    framer.end();
    assertThat(frames).hasSize(11);
    assertThat(frames).allSatisfy(f -> {
      assertThat(f.pcm()).hasSize(480);
      assertThat(f.sampleRate()).isEqualTo(24_000);
    });
    for (int i = 0; i < 4800; i++) {
      assertThat(frames.get(i / 480).pcm()[i % 480]).isEqualTo(all[i]);
    }
    // The last, partial frame is padded with silence.
    assertThat(frames.get(10).pcm()[99]).isEqualTo(all[4899]);
    assertThat(frames.get(10).pcm()[100]).isZero();
  }
}
