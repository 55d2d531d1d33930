package dev.warmtransfer.speech.audio;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns chunks of any size into exact 10 ms frames: WebRTC's {@code pushAudio} silently drops
 * anything else. A partial last frame is padded with silence on {@link #end()}.
 */
public final class PcmFramer implements AudioSink {
  /** One 10 ms frame of mono 16-bit PCM. */
  public record Frame(byte[] pcm, int sampleRate) {}

  private final Consumer<Frame> out;
  private byte[] pending = new byte[0];
  private int pendingLen;
  private int rate;

  public PcmFramer(Consumer<Frame> out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  public static int frameBytes(int sampleRate) {
    return sampleRate / 100 * 2;
  }

  @Override
  public synchronized void write(byte[] pcm, int sampleRate) {
    if (sampleRate % 100 != 0) {
      throw new IllegalArgumentException("sampleRate must be a multiple of 100: " + sampleRate);
    }
    if (rate != 0 && rate != sampleRate) {
      flush();
    }
    rate = sampleRate;
    int size = frameBytes(sampleRate);
    if (pending.length != size) {
      pending = new byte[size];
      pendingLen = 0;
    }
    int i = 0;
    while (i < pcm.length) {
      int n = Math.min(size - pendingLen, pcm.length - i);
      System.arraycopy(pcm, i, pending, pendingLen, n);
      pendingLen += n;
      i += n;
      if (pendingLen == size) {
        out.accept(new Frame(pending.clone(), sampleRate));
        pendingLen = 0;
      }
    }
  }

  @Override
  public synchronized void end() {
    flush();
  }

  private void flush() {
    if (pendingLen > 0) {
      byte[] frame = new byte[pending.length];
      System.arraycopy(pending, 0, frame, 0, pendingLen);
      out.accept(new Frame(frame, rate));
      pendingLen = 0;
    }
  }
}
