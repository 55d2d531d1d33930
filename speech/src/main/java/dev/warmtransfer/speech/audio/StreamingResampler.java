package dev.warmtransfer.speech.audio;

/**
 * Linear-interpolation resampler for audio that arrives in chunks: the position and the last
 * sample carry over, so chunk boundaries leave no clicks. Meant for going up in rate (22.05 kHz
 * espeak-ng to 24 kHz), where no low-pass filter is needed.
 */
public final class StreamingResampler {
  private final int fromRate;
  private final int toRate;
  private final double step;
  private double pos; // where the next output sample falls, in input samples counted from `last`
  private short last;
  private boolean primed;

  public StreamingResampler(int fromRate, int toRate) {
    if (fromRate <= 0) {
      throw new IllegalArgumentException("fromRate <= 0");
    }
    if (toRate < fromRate) {
      throw new IllegalArgumentException("toRate < fromRate: only upsampling is supported");
    }
    this.fromRate = fromRate;
    this.toRate = toRate;
    this.step = (double) fromRate / toRate;
  }

  public short[] process(short[] in) {
    if (fromRate == toRate || in.length == 0) {
      return in;
    }
    if (!primed) {
      last = in[0];
      primed = true;
    }
    // Positions count from `last` (0); sample k of this chunk sits at k + 1.
    int n = in.length;
    short[] out = new short[(int) ((n + 1) / step) + 2];
    int o = 0;
    while (pos < n) {
      int i = (int) pos;
      double frac = pos - i;
      int a = i == 0 ? last : in[i - 1];
      int b = in[i];
      out[o++] = (short) Math.round(a + (b - a) * frac);
      pos += step;
    }
    pos -= n;
    last = in[n - 1];
    return java.util.Arrays.copyOf(out, o);
  }
}
