package dev.warmtransfer.speech.summary;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.warmtransfer.speech.Provider;
import java.util.List;
import java.util.Objects;

/**
 * What Agent B needs before taking the caller: a written summary, the facts that matter, and a
 * short text written to be heard (at most {@link #MAX_SPOKEN_WORDS} words). {@code facts} has
 * every fact with its kind, the same shape as the protocol's {@code Fact}, so the service and
 * the bots map it one to one; the older lists stay for the seed's API.
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
    Provider provider,
    List<Fact> facts,
    List<String> wants,
    List<String> decided) {

  public static final int MAX_SPOKEN_WORDS = 60;

  /** One fact: what it is ("claim", "card ending in", "amount", "team", ...) and its value. */
  public record Fact(String kind, String value) {
    public Fact {
      if (kind == null || kind.isBlank()) {
        throw new IllegalArgumentException("kind must not be blank");
      }
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("value must not be blank");
      }
    }
  }

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
    facts = List.copyOf(Objects.requireNonNull(facts, "facts"));
    wants = List.copyOf(Objects.requireNonNull(wants, "wants"));
    decided = List.copyOf(Objects.requireNonNull(decided, "decided"));
  }

  /** The seed-era shape, without the structured facts (kept so older callers still build). */
  public Briefing(String summary, String reason, List<String> customerIds, List<String> accountNumbers,
      List<String> amounts, List<String> dates, List<String> tried, List<String> promised, String sentiment,
      String nextStep, String spoken, Provider provider) {
    this(summary, reason, customerIds, accountNumbers, amounts, dates, tried, promised, sentiment, nextStep, spoken,
        provider, List.of(), List.of(), List.of());
  }

  /** The values of one kind of fact, first mention first. */
  public List<String> facts(String kind) {
    return facts.stream().filter(f -> f.kind().equals(kind)).map(Fact::value).toList();
  }

  @JsonIgnore
  public int spokenWords() {
    return dev.warmtransfer.speech.text.Sentences.words(spoken);
  }
}
