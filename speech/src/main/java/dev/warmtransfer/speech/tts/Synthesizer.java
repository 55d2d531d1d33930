package dev.warmtransfer.speech.tts;

import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.audio.AudioSink;
import dev.warmtransfer.speech.audio.Pcm;
import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.text.Sentences;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Text to speech, streamed: audio reaches the sink while later parts are still being made. */
public interface Synthesizer {
  /** Every provider speaks mono 16-bit PCM at this rate (espeak-ng is resampled to it). */
  int SAMPLE_RATE = 24_000;

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

  /** The whole text as one buffer, for audio made ahead of time (and for tests to compare against). */
  default PcmAudio render(String text) {
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    speak(text, (bytes, rate) -> pcm.writeBytes(bytes));
    return new PcmAudio(Pcm.toShorts(pcm.toByteArray()), SAMPLE_RATE);
  }
}
