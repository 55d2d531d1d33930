package dev.warmtransfer.speech.support;

import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.audio.Wav;
import dev.warmtransfer.speech.tts.EspeakSynthesizer;

/** Audio made for speech tests: silence and real espeak-ng speech (tones: testkit's TestAudio). */
public final class Tones {
  private Tones() {}

  public static short[] silence(int ms, int rate) {
    return new short[rate * ms / 1000];
  }

  /** Real speech from espeak-ng, as one PCM buffer. */
  public static PcmAudio speak(String text) {
    return new EspeakSynthesizer().render(text);
  }

  public static byte[] wav(PcmAudio audio) {
    return Wav.encode(audio);
  }
}
