package dev.warmtransfer.speech.summary;

import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.summary.Briefing.Fact;
import dev.warmtransfer.speech.summary.CallReader.Read;
import dev.warmtransfer.speech.text.Tokens;
import dev.warmtransfer.speech.text.Tokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A deterministic summarizer for when no language model is configured or reachable. It reads the
 * call knowing who said what: the caller's problem in their words, every identifier with its kind,
 * amounts, dates, places, what was tried, found and decided, what the caller wants and the team
 * asked for; and it writes a spoken text a person would say. No regular expression runs on the
 * call's text: everything is a hand-written scan, linear in the input, whatever the input.
 */
public final class LocalSummarizer implements Summarizer {
  private static final Set<String> NEGATIVE = Set.of(
      "angry", "upset", "frustrated", "annoyed", "unacceptable", "terrible", "ridiculous", "disputing",
      "complaint", "incorrect", "wrong", "unhappy", "disappointed", "cancel", "furious", "worried");
  private static final Set<String> URGENT =
      Set.of("urgent", "immediate", "immediately", "asap", "emergency");
  private static final Set<String> POSITIVE = Set.of("thank", "thanks", "great", "appreciate", "happy", "loyal", "pleased");
  private static final Set<String> BILLING = Set.of("charge", "charged", "bill", "billing", "refund", "overcharged");

  @Override
  public Briefing summarize(String transcript, String notes) {
    return summarize(Turns.parse(transcript == null ? "" : transcript), notes);
  }

  /** The call as the call assistant knows it: each turn with its speaker's role. */
  public Briefing summarize(List<Turn> turns, String notes) {
    Read r = CallReader.read(Turns.resolve(List.copyOf(turns)), notes == null ? "" : notes);
    List<Fact> facts = r.facts();
    String sentiment = sentiment(r.callerText());
    String nextStep = nextStep(r, facts);
    String spoken = SpokenBriefing.compose(r, sentiment);
    return new Briefing(written(r, facts, sentiment, nextStep), Voice.stripEnd(r.reason()) + ".",
        FactFinder.customerIds(facts), values(facts, FactFinder.ACCOUNT), values(facts, FactFinder.AMOUNT),
        dates(facts), r.tried(), r.promised(), sentiment, nextStep, spoken, Provider.LOCAL, facts, r.wants(),
        r.decided());
  }

  private static List<String> values(List<Fact> facts, String kind) {
    return facts.stream().filter(f -> f.kind().equals(kind)).map(Fact::value).toList();
  }

  private static List<String> dates(List<Fact> facts) {
    return facts.stream().filter(f -> f.kind().equals(FactFinder.DATE) || f.kind().equals(FactFinder.TIME))
        .map(Fact::value).toList();
  }

  /** Written for reading: the problem quoted, then facts by kind, then what happened. */
  private static String written(Read r, List<Fact> facts, String sentiment, String nextStep) {
    StringBuilder b = new StringBuilder();
    String reason = Voice.stripEnd(r.reason());
    b.append(r.reasonFromCaller() ? "Caller's problem, in their words: \"" + reason + ".\"" : reason + ".");
    Map<String, List<String>> byKind = new LinkedHashMap<>();
    for (Fact f : facts) {
      byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f.value());
    }
    List<String> ids = new ArrayList<>();
    byKind.forEach((kind, values) -> {
      if (Voice.identifierKind(kind) || kind.equals(FactFinder.EMAIL) || kind.equals(FactFinder.NAME)) {
        String label = kind.equals("account") ? "Account #" : Voice.capitalize(kind) + " ";
        ids.add(label + String.join(", ", values));
      }
    });
    if (!ids.isEmpty()) {
      b.append(' ').append(String.join("; ", ids)).append('.');
    }
    line(b, "Amount", byKind.get(FactFinder.AMOUNT));
    List<String> when = dates(facts);
    line(b, "When", when.isEmpty() ? null : when);
    line(b, "Places", byKind.get(FactFinder.PLACE));
    quoted(b, "Tried", r.tried());
    quoted(b, "Agent A found", r.found());
    quoted(b, "Agent A did or decided", r.decided());
    quoted(b, "Promised", r.promised());
    quoted(b, "Caller wants", r.wants());
    line(b, "Team asked for", byKind.get(FactFinder.TEAM));
    b.append(" Customer sentiment: ").append(sentiment).append('.');
    b.append(" Next step: ").append(nextStep).append('.');
    return b.toString();
  }

  private static void line(StringBuilder b, String label, List<String> values) {
    if (values != null && !values.isEmpty()) {
      b.append(' ').append(label).append(": ").append(String.join(", ", values)).append('.');
    }
  }

  private static void quoted(StringBuilder b, String label, List<String> sentences) {
    if (!sentences.isEmpty()) {
      b.append(' ').append(label).append(": ");
      for (int i = 0; i < sentences.size(); i++) {
        b.append(i == 0 ? "" : " ").append('"').append(Voice.stripEnd(sentences.get(i))).append(".\"");
      }
    }
  }

  private static String sentiment(String text) {
    int neg = 0;
    int pos = 0;
    boolean urgent = false;
    for (Token t : Tokens.of(text)) {
      String w = t.lower();
      neg += NEGATIVE.contains(w) ? 1 : 0;
      pos += POSITIVE.contains(w) ? 1 : 0;
      urgent |= URGENT.contains(w);
    }
    List<String> parts = new ArrayList<>();
    if (urgent) {
      parts.add("urgent");
    }
    if (neg > pos) {
      parts.add("frustrated");
    } else if (pos > neg) {
      parts.add("cooperative");
    }
    return parts.isEmpty() ? "neutral" : String.join(", ", parts);
  }

  private static String nextStep(Read r, List<Fact> facts) {
    List<String> accounts = values(facts, FactFinder.ACCOUNT);
    List<String> amounts = values(facts, FactFinder.AMOUNT);
    String account = accounts.isEmpty() ? "" : " on account " + accounts.get(0);
    boolean billing = Tokens.of(r.reason()).stream().anyMatch(t -> BILLING.contains(t.lower()));
    if (billing && !amounts.isEmpty()) {
      return "Review the " + amounts.get(0) + " charge" + account + " and resolve it with the caller";
    }
    if (!r.wants().isEmpty()) {
      return "Act on what the caller asked: " + Voice.lowerFirst(Voice.stripEnd(Voice.reportWish(r.wants().get(0))));
    }
    String problem = Voice.stripEnd(r.reason()).toLowerCase(Locale.ROOT);
    return r.reasonFromCaller() ? "Resolve the caller's problem" + account
        : "Resolve it with the caller" + account + " (" + problem + ")";
  }
}
