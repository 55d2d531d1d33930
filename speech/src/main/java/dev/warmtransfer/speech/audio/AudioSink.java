package dev.warmtransfer.speech.audio;

/** Receives synthesized audio as it is produced: mono 16-bit little-endian PCM chunks of any size. */
@FunctionalInterface
public interface AudioSink {
  void write(byte[] pcm, int sampleRate);

  /** Called once the text is fully spoken. */
  default void end() {}
}
