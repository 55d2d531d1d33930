package dev.warmtransfer.speech.audio;

import java.util.Objects;

/** Mono 16-bit PCM samples at a sample rate. */
public record PcmAudio(short[] samples, int sampleRate) {
  public PcmAudio {
    Objects.requireNonNull(samples, "samples");
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate <= 0");
    }
  }

  public long durationMs() {
    return samples.length * 1000L / sampleRate;
  }

  public PcmAudio resampled(int toRate) {
    return toRate == sampleRate ? this : new PcmAudio(Pcm.resample(samples, sampleRate, toRate), toRate);
  }
}
