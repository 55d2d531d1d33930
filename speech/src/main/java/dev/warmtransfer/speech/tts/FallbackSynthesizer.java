package dev.warmtransfer.speech.tts;

import dev.warmtransfer.speech.Fallback;
import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.SpeechException;
import dev.warmtransfer.speech.audio.AudioSink;

/**
 * OpenAI first, espeak-ng when it cannot answer, decided sentence by sentence. Once some audio of
 * a sentence has played, a retry would repeat it, so a failure then goes straight to the local
 * voice for that sentence.
 */
public final class FallbackSynthesizer implements Synthesizer {
  private final Synthesizer remote;
  private final Synthesizer local;
  private final Fallback fallback;

  public FallbackSynthesizer(Synthesizer remote, Synthesizer local, Fallback fallback) {
    this.remote = remote;
    this.local = local;
    this.fallback = fallback;
  }

  @Override
  public Provider speakSentence(String sentence, AudioSink sink) {
    return fallback.call(
        "speech",
        () -> {
          boolean[] started = {false};
          try {
            return remote.speakSentence(sentence, (pcm, rate) -> {
              started[0] = true;
              sink.write(pcm, rate);
            });
          } catch (SpeechException e) {
            throw started[0] ? new SpeechException(e.getMessage() + " after audio started", false, e) : e;
          }
        },
        () -> local.speakSentence(sentence, sink));
  }
}
