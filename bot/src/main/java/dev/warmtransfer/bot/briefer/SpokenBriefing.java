package dev.warmtransfer.bot.briefer;

import dev.warmtransfer.bot.audio.AudioPacer;
import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.speech.tts.Synthesizer;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A briefing already spoken into memory, so that playing it costs nothing the moment Agent B can
 * hear it. Leading silence is cut: the first thing B hears is the first word.
 */
record SpokenBriefing(short[] samples, int sampleRate, String provider, String text) {
  /** Samples quieter than this (about -40 dBFS) before the first word are dropped. */
  static final int SILENCE_LEVEL = 330;

  SpokenBriefing {
    Objects.requireNonNull(samples, "samples");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(text, "text");
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate <= 0");
    }
  }

  static SpokenBriefing synthesize(Synthesizer synthesizer, String text) {
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    List<Provider> providers = synthesizer.speak(text, (bytes, rate) -> pcm.writeBytes(bytes));
    String provider = providers.contains(Provider.OPENAI) ? Provider.OPENAI.wireName() : Provider.LOCAL.wireName();
    // Resampled to the pacer's rate now, so that starting to play costs nothing but queueing.
    short[] at48 = Pcm.resample(Pcm.toShorts(pcm.toByteArray()), Synthesizer.SAMPLE_RATE, AudioPacer.RATE);
    return new SpokenBriefing(trimLeadingSilence(at48, AudioPacer.RATE), AudioPacer.RATE, provider, text);
  }

  static short[] trimLeadingSilence(short[] s, int rate) {
    int i = 0;
    while (i < s.length && Math.abs(s[i]) < SILENCE_LEVEL) {
      i++;
    }
    // Keep 1 ms before the first loud sample, so the word's onset is not clipped. Opus's own
    // look-ahead already delays the first frame B decodes; 5 ms here cost B's first audible frame
    // 10 ms (BriefingLatencyBench: p50 141 against 131 ms after B's media connection was up).
    int from = Math.max(0, i - rate / 1000);
    return from == 0 ? s : Arrays.copyOfRange(s, from, s.length);
  }

  /** When the first 10 ms went to WebRTC, and when all of it had. */
  record Playing(CompletableFuture<Void> firstFrame, CompletableFuture<Void> all) {}

  /**
   * Queues the briefing on {@code voice} and starts it at once: the first 10 ms on their own (their
   * future says when the first frame went out), then {@code leadFrames} frames pushed with it, and
   * the rest queued while those play. The samples are at the pacer's rate ({@link #synthesize}).
   */
  Playing playOn(AudioPacer voice, int leadFrames) {
    int frame = sampleRate / 100;
    int first = Math.min(samples.length, frame);
    int lead = Math.min(samples.length, first + leadFrames * frame);
    CompletableFuture<Void> firstOut = voice.enqueue(samples, 0, first, 0);
    CompletableFuture<Void> leadOut = voice.enqueue(samples, first, lead, leadFrames);
    voice.playNow();
    CompletableFuture<Void> all = lead == samples.length ? leadOut : voice.enqueue(samples, lead, samples.length, 0);
    return new Playing(firstOut, all);
  }

  /** The same briefing without its audio, once that has been queued to play: only its facts are kept. */
  SpokenBriefing queued() {
    return new SpokenBriefing(new short[0], sampleRate, provider, text);
  }

  long durationMs() {
    return samples.length * 1000L / sampleRate;
  }
}
