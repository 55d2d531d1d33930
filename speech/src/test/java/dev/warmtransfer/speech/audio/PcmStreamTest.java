package dev.warmtransfer.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcmStreamTest {
  /** Gives its bytes in uneven pieces and says nothing more is ready after each, like a slow producer. */
  private static InputStream trickle(byte[] data, int... pieces) {
    return new InputStream() {
      int pos;
      int piece;

      @Override
      public int read() {
        return pos < data.length ? data[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= data.length) {
          return -1;
        }
        int n = Math.min(Math.min(len, pieces[piece++ % pieces.length]), data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
      }

      @Override
      public int available() {
        return 0;
      }
    };
  }

  @Test
  void handsOnWholeSamplesAsTheyArriveAndDropsAHalfSampleAtTheEnd() throws Exception {
    byte[] data = new byte[2001];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    List<byte[]> chunks = new ArrayList<>();
    PcmStream.pump(trickle(data, 3, 100, 1, 700, 57), 480, chunks::add);

    assertThat(chunks).allSatisfy(c -> assertThat(c.length % 2).isZero()).allSatisfy(c -> assertThat(c.length).isLessThanOrEqualTo(480));
    assertThat(chunks.get(0)).hasSize(2); // 3 bytes arrived: one sample handed on at once, not held for a full chunk
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    chunks.forEach(all::writeBytes);
    assertThat(all.toByteArray()).isEqualTo(Arrays.copyOf(data, 2000));
  }
}
