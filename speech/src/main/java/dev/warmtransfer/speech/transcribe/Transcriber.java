package dev.warmtransfer.speech.transcribe;

import dev.warmtransfer.speech.audio.PcmAudio;
import java.util.List;

/** Speech to text for one utterance. */
public interface Transcriber {
  /**
   * @param hints words or phrases likely to be said (names, account words): OpenAI's prompt, or
   *     the grammar the local recognizer is limited to
   */
  Transcription transcribe(PcmAudio utterance, List<String> hints);
}
