package dev.warmtransfer.bot.support;

import java.util.List;

/** Measures on received audio: level, dominant frequency, which frames carry sound. */
public final class Signals {
  private Signals() {}

  public static short[] tone(double hz, int ms, int rate, double amplitude) {
    short[] s = new short[(int) ((long) rate * ms / 1000)];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) Math.round(Math.sin(2 * Math.PI * hz * i / rate) * amplitude * 32767);
    }
    return s;
  }

  public static double rmsDbfs(short[] s) {
    double sum = 0;
    for (short v : s) {
      sum += (double) v * v;
    }
    double rms = Math.sqrt(sum / Math.max(1, s.length)) / 32768.0;
    return rms <= 1e-7 ? -140 : 20 * Math.log10(rms);
  }

  public static boolean audible(short[] frame) {
    return rmsDbfs(frame) > -45;
  }

  /** Goertzel power at one frequency. */
  public static double power(short[] s, double hz, int rate) {
    double w = 2 * Math.PI * hz / rate;
    double coeff = 2 * Math.cos(w);
    double s1 = 0;
    double s2 = 0;
    for (short v : s) {
      double s0 = v + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coeff * s1 * s2;
  }

  /** The strongest frequency between lo and hi Hz, to 1 Hz. */
  public static double dominant(short[] s, int rate, int lo, int hi) {
    double best = lo;
    double bestPower = -1;
    for (int f = lo; f <= hi; f++) {
      double p = power(s, f, rate);
      if (p > bestPower) {
        bestPower = p;
        best = f;
      }
    }
    return best;
  }

  public static short[] join(List<short[]> frames) {
    int n = frames.stream().mapToInt(f -> f.length).sum();
    short[] out = new short[n];
    int o = 0;
    for (short[] f : frames) {
      System.arraycopy(f, 0, out, o, f.length);
      o += f.length;
    }
    return out;
  }

  /** Frames from the first audible one on. */
  public static List<short[]> fromFirstAudible(List<short[]> frames) {
    for (int i = 0; i < frames.size(); i++) {
      if (audible(frames.get(i))) {
        return frames.subList(i, frames.size());
      }
    }
    return List.of();
  }
}
