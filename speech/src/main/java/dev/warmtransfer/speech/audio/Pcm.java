package dev.warmtransfer.speech.audio;

/** 16-bit little-endian mono PCM helpers. */
public final class Pcm {
  private Pcm() {}

  public static short[] toShorts(byte[] pcm) {
    short[] out = new short[pcm.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
    }
    return out;
  }

  public static byte[] toBytes(short[] samples) {
    byte[] out = new byte[samples.length * 2];
    for (int i = 0; i < samples.length; i++) {
      out[2 * i] = (byte) samples[i];
      out[2 * i + 1] = (byte) (samples[i] >> 8);
    }
    return out;
  }

  /**
   * Resamples by linear interpolation. Going down, samples are first averaged over the ratio
   * (a box low-pass), which keeps speech intelligible for recognition without a filter library.
   */
  public static short[] resample(short[] in, int fromRate, int toRate) {
    if (fromRate <= 0) {
      throw new IllegalArgumentException("fromRate <= 0");
    }
    if (toRate <= 0) {
      throw new IllegalArgumentException("toRate <= 0");
    }
    if (fromRate == toRate || in.length == 0) {
      return in.clone();
    }
    short[] src = in;
    if (toRate < fromRate) {
      int window = Math.max(1, Math.round((float) fromRate / toRate));
      src = new short[in.length];
      long sum = 0;
      for (int i = 0; i < in.length; i++) {
        sum += in[i];
        if (i >= window) {
          sum -= in[i - window];
        }
        src[i] = (short) (sum / Math.min(i + 1, window));
      }
    }
    int outLen = (int) ((long) src.length * toRate / fromRate);
    short[] out = new short[outLen];
    double step = (double) fromRate / toRate;
    for (int i = 0; i < outLen; i++) {
      double pos = i * step;
      int j = (int) pos;
      double frac = pos - j;
      int a = src[Math.min(j, src.length - 1)];
      int b = src[Math.min(j + 1, src.length - 1)];
      out[i] = (short) Math.round(a + (b - a) * frac);
    }
    return out;
  }

  /** Root-mean-square level in dBFS (0 = full scale); -120 for digital silence. */
  public static double rmsDbfs(short[] samples, int from, int to) {
    if (to <= from) {
      return -120;
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) samples[i] * samples[i];
    }
    double rms = Math.sqrt(sum / (to - from)) / 32768.0;
    return rms <= 1e-6 ? -120 : 20 * Math.log10(rms);
  }
}
