package dev.warmtransfer.speech.support;

import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.audio.Wav;
import dev.warmtransfer.speech.tts.EspeakSynthesizer;
import java.io.ByteArrayOutputStream;

/** Audio made for tests: tones, silence, and real espeak-ng speech. */
public final class Tones {
  private Tones() {}

  public static short[] tone(double hz, int ms, int rate, double amplitude) {
    short[] s = new short[rate * ms / 1000];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) Math.round(Math.sin(2 * Math.PI * hz * i / rate) * amplitude * 32767);
    }
    return s;
  }

  public static short[] silence(int ms, int rate) {
    return new short[rate * ms / 1000];
  }

  public static short[] concat(short[]... parts) {
    int n = 0;
    for (short[] p : parts) {
      n += p.length;
    }
    short[] out = new short[n];
    int o = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }

  /** Real speech from espeak-ng, as one PCM buffer. */
  public static PcmAudio speak(String text) {
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    int[] rate = {0};
    new EspeakSynthesizer().speak(text, (bytes, r) -> {
      pcm.writeBytes(bytes);
      rate[0] = r;
    });
    return new PcmAudio(dev.warmtransfer.speech.audio.Pcm.toShorts(pcm.toByteArray()), rate[0]);
  }

  public static byte[] wav(PcmAudio audio) {
    return Wav.encode(audio);
  }
}
