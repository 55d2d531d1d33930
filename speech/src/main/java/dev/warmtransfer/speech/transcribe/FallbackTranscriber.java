package dev.warmtransfer.speech.transcribe;

import dev.warmtransfer.speech.Fallback;
import dev.warmtransfer.speech.audio.PcmAudio;
import java.util.List;

/** OpenAI first, the local recognizer when OpenAI cannot answer. */
public final class FallbackTranscriber implements Transcriber {
  private final Transcriber remote;
  private final Transcriber local;
  private final Fallback fallback;

  public FallbackTranscriber(Transcriber remote, Transcriber local, Fallback fallback) {
    this.remote = remote;
    this.local = local;
    this.fallback = fallback;
  }

  @Override
  public Transcription transcribe(PcmAudio utterance, List<String> hints) {
    return fallback.call(
        "transcription", () -> remote.transcribe(utterance, hints), () -> local.transcribe(utterance, hints));
  }
}
