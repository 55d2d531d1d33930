package dev.warmtransfer.testkit;

import java.util.List;

/** Audio that tests make and measure: tones, joined buffers, the strongest frequency. */
public final class TestAudio {
  private TestAudio() {}

  /** A sine tone of 16-bit samples; {@code amplitude} is a fraction of full scale. */
  public static short[] tone(double hz, int ms, int rate, double amplitude) {
    short[] s = new short[(int) ((long) rate * ms / 1000)];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) Math.round(Math.sin(2 * Math.PI * hz * i / rate) * amplitude * 32767);
    }
    return s;
  }

  public static short[] concat(short[]... parts) {
    return join(List.of(parts));
  }

  public static short[] join(List<short[]> parts) {
    int n = parts.stream().mapToInt(p -> p.length).sum();
    short[] out = new short[n];
    int o = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
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
}
