package dev.warmtransfer.speech.summary;

import dev.warmtransfer.speech.Fallback;
import java.util.function.Consumer;

/**
 * OpenAI first, the local summarizer when it cannot answer. If the model fails after some
 * spoken sentences were already handed on, the local briefing is spoken whole: the listener
 * hears a restart rather than a briefing with a hole in it.
 */
public final class FallbackSummarizer implements Summarizer {
  private final Summarizer remote;
  private final Summarizer local;
  private final Fallback fallback;

  public FallbackSummarizer(Summarizer remote, Summarizer local, Fallback fallback) {
    this.remote = remote;
    this.local = local;
    this.fallback = fallback;
  }

  @Override
  public Briefing summarize(String transcript, String notes) {
    return summarize(transcript, notes, s -> {});
  }

  @Override
  public Briefing summarize(String transcript, String notes, Consumer<String> spokenSentence) {
    return fallback.call(
        "summary",
        () -> remote.summarize(transcript, notes, spokenSentence),
        () -> local.summarize(transcript, notes, spokenSentence));
  }
}
