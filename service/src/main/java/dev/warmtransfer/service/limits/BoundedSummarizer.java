package dev.warmtransfer.service.limits;

import dev.warmtransfer.speech.summary.Briefing;
import dev.warmtransfer.speech.summary.Summarizer;
import java.util.Objects;

/** A summarizer whose every call runs on the {@link HeavyWork} pool, for every resource that summarizes. */
public final class BoundedSummarizer implements Summarizer {
  private final Summarizer inner;
  private final HeavyWork pool;

  public BoundedSummarizer(Summarizer inner, HeavyWork pool) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  @Override
  public Briefing summarize(String transcript, String notes) {
    return pool.run("summary", () -> inner.summarize(transcript, notes));
  }

  @Override
  public Briefing summarize(String transcript, String notes, java.util.function.Consumer<String> spokenSentence) {
    return pool.run("summary", () -> inner.summarize(transcript, notes, spokenSentence));
  }
}
