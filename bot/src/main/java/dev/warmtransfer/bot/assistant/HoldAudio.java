package dev.warmtransfer.bot.assistant;

import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.audio.Wav;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a caller on hold hears. A WAV file (WT_HOLD_AUDIO) when configured; otherwise a calm
 * piece made here at start-up: a soft electric-piano arpeggio over a slow four-chord progression
 * (C, A minor, F, G), eight seconds that loop without a seam. Made, not shipped, so the repository
 * carries no binary and no licence question.
 */
public final class HoldAudio {
  public static final int RATE = 48_000;
  static final int CHORD_MS = 2_000;
  static final int NOTE_MS = 250;
  // Frequencies in Hz: each chord's arpeggio, low to high and back.
  static final double[][] CHORDS = {
      {261.63, 329.63, 392.00, 523.25}, // C
      {220.00, 261.63, 329.63, 440.00}, // A minor
      {174.61, 220.00, 261.63, 349.23}, // F
      {196.00, 246.94, 293.66, 392.00}, // G
  };

  private HoldAudio() {}

  /** WT_HOLD_AUDIO when set (a 16-bit PCM WAV, any rate, mono or stereo), else the default piece. */
  public static PcmAudio fromEnv() {
    String file = System.getenv("WT_HOLD_AUDIO");
    return file == null || file.isBlank() ? generate() : load(Path.of(file));
  }

  public static PcmAudio load(Path wav) {
    try (InputStream in = Files.newInputStream(wav)) {
      PcmAudio audio = Wav.decode(in);
      if (audio.samples().length < audio.sampleRate() / 10) {
        throw new IllegalArgumentException("WT_HOLD_AUDIO is shorter than 100 ms: " + wav);
      }
      return audio;
    } catch (IOException e) {
      throw new UncheckedIOException("WT_HOLD_AUDIO could not be read: " + wav, e);
    }
  }

  /** The default piece, 48 kHz mono, peak about -12 dBFS. */
  public static PcmAudio generate() {
    int chordLen = RATE * CHORD_MS / 1000;
    int noteLen = RATE * NOTE_MS / 1000;
    double[] mix = new double[chordLen * CHORDS.length];
    int[] pattern = {0, 1, 2, 3, 2, 1, 2, 3};
    for (int c = 0; c < CHORDS.length; c++) {
      double[] chord = CHORDS[c];
      int chordStart = c * chordLen;
      // A quiet pad of root and fifth under the whole chord, faded in and out so chords join smoothly.
      for (int i = 0; i < chordLen; i++) {
        double t = (double) i / RATE;
        double fade = Math.min(1, Math.min(i, chordLen - i) / (RATE * 0.2));
        mix[chordStart + i] += 0.06 * fade * (Math.sin(2 * Math.PI * chord[0] / 2 * t) + 0.5 * Math.sin(2 * Math.PI * chord[2] / 2 * t));
      }
      for (int n = 0; n < pattern.length; n++) {
        double f = chord[pattern[n]];
        int start = chordStart + n * noteLen;
        // Each note rings on past the next one (a sustain pedal), decaying, and never past the loop's end.
        int ring = Math.min(noteLen * 3, mix.length - start);
        for (int i = 0; i < ring; i++) {
          double t = (double) i / RATE;
          double env = Math.min(1, t / 0.01) * Math.exp(-t * 3.0);
          double tone = Math.sin(2 * Math.PI * f * t) + 0.25 * Math.sin(2 * Math.PI * 2 * f * t)
              + 0.08 * Math.sin(2 * Math.PI * 3 * f * t);
          mix[start + i] += 0.16 * env * tone;
        }
      }
    }
    double peak = 0;
    for (double v : mix) {
      peak = Math.max(peak, Math.abs(v));
    }
    double gain = 0.25 / peak;
    short[] out = new short[mix.length];
    for (int i = 0; i < mix.length; i++) {
      out[i] = (short) Math.round(mix[i] * gain * 32767);
    }
    return new PcmAudio(out, RATE);
  }
}
