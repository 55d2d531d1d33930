package dev.warmtransfer.speech.summary;

import dev.warmtransfer.speech.text.Sentences;
import java.util.function.Consumer;

/** Transcript and Agent A's notes in, a {@link Briefing} for Agent B out. */
public interface Summarizer {
  /** Longest transcript (plus notes) accepted, in characters: about an hour of talk. */
  int MAX_INPUT_CHARS = 100_000;

  Briefing summarize(String transcript, String notes);

  /**
   * The same, telling {@code spokenSentence} each sentence of the spoken text as soon as it is
   * known, so speech can start before the whole briefing is done.
   */
  default Briefing summarize(String transcript, String notes, Consumer<String> spokenSentence) {
    Briefing b = summarize(transcript, notes);
    Sentences.split(b.spoken()).forEach(spokenSentence);
    return b;
  }
}
