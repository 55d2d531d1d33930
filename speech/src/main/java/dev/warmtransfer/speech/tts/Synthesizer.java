package dev.warmtransfer.speech.tts;

import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.audio.AudioSink;
import dev.warmtransfer.speech.text.Sentences;
import java.util.ArrayList;
import java.util.List;

/** Text to speech, streamed: audio reaches the sink while later parts are still being made. */
public interface Synthesizer {
  /** Speaks one sentence into the sink (chunks of mono 16-bit PCM); returns who spoke it. */
  Provider speakSentence(String sentence, AudioSink sink);

  /**
   * Speaks the text sentence by sentence, so the first sentence plays while the next ones are
   * synthesized, then ends the sink. Returns the provider of each sentence.
   */
  default List<Provider> speak(String text, AudioSink sink) {
    List<Provider> providers = new ArrayList<>();
    for (String sentence : Sentences.split(text)) {
      providers.add(speakSentence(sentence, sink));
    }
    sink.end();
    return providers;
  }
}
