package dev.warmtransfer.speech.audio;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/** Reading 16-bit PCM as it is produced, from a process or a streamed HTTP body. */
public final class PcmStream {
  private PcmStream() {}

  /**
   * Hands {@code in} on in chunks of whole samples, at most {@code chunkBytes} each, as soon as
   * they have arrived: the first audio matters more than the chunk size. A trailing odd byte,
   * half a sample, is dropped.
   */
  public static void pump(InputStream in, int chunkBytes, Consumer<byte[]> out) throws IOException {
    if (chunkBytes < 2 || chunkBytes % 2 != 0) {
      throw new IllegalArgumentException("chunkBytes must be even and at least 2: " + chunkBytes);
    }
    byte[] buf = new byte[chunkBytes];
    int have = 0;
    int n;
    while ((n = in.read(buf, have, buf.length - have)) > 0) {
      have += n;
      int even = have & ~1;
      if (even > 0 && (even == buf.length || in.available() == 0)) {
        out.accept(Arrays.copyOf(buf, even));
        System.arraycopy(buf, even, buf, 0, have - even);
        have -= even;
      }
    }
  }
}
