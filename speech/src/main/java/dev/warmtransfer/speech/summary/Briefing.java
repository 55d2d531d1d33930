package dev.warmtransfer.speech.summary;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.warmtransfer.speech.Provider;
import java.util.List;
import java.util.Objects;

/**
 * What Agent B needs before taking the caller: a written summary, the facts that matter, and a
 * short text written to be heard (at most {@link #MAX_SPOKEN_WORDS} words).
 */
public record Briefing(
    String summary,
    String reason,
    List<String> customerIds,
    List<String> accountNumbers,
    List<String> amounts,
    List<String> dates,
    List<String> tried,
    List<String> promised,
    String sentiment,
    String nextStep,
    String spoken,
    Provider provider) {

  public static final int MAX_SPOKEN_WORDS = 60;

  public Briefing {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(reason, "reason");
    customerIds = List.copyOf(customerIds);
    accountNumbers = List.copyOf(accountNumbers);
    amounts = List.copyOf(amounts);
    dates = List.copyOf(dates);
    tried = List.copyOf(tried);
    promised = List.copyOf(promised);
    Objects.requireNonNull(sentiment, "sentiment");
    Objects.requireNonNull(nextStep, "nextStep");
    Objects.requireNonNull(spoken, "spoken");
    Objects.requireNonNull(provider, "provider");
  }

  @JsonIgnore
  public int spokenWords() {
    return dev.warmtransfer.speech.text.Sentences.words(spoken);
  }
}
