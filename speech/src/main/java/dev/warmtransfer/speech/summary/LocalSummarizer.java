package dev.warmtransfer.speech.summary;

import dev.warmtransfer.speech.Provider;
import dev.warmtransfer.speech.text.NumberWords;
import dev.warmtransfer.speech.text.Sentences;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic summarizer for when no language model is configured or reachable: it pulls
 * out the facts an agent would write down (account numbers, amounts, dates, the problem as first
 * stated, what was tried and promised) and renders the same briefing shape as the model does.
 */
public final class LocalSummarizer implements Summarizer {
  private static final Pattern SPEAKER = Pattern.compile("^\\s*[A-Za-z0-9_.:-]{1,64}:\\s+");
  private static final Pattern ACCOUNT =
      Pattern.compile("(?i)\\b(?:account|acct)\\.?(?:\\s+(?:number|no\\.?|num|id))?(?:\\s+is)?\\s*#?\\s*(\\d[\\d-]{2,}\\d)");
  private static final Pattern HASH_NUMBER = Pattern.compile("#(\\d{4,})");
  private static final Pattern DOLLARS = Pattern.compile("\\$\\s?(\\d{1,3}(?:,\\d{3})*|\\d+)(\\.\\d{1,2})?");
  private static final Pattern DOLLAR_WORDS =
      Pattern.compile("(?i)\\b(\\d+(?:\\.\\d{1,2})?)\\s*(?:dollars?|bucks|usd)(?:\\s+(?:and\\s+)?(\\d{1,2})\\s+cents?)?");
  private static final Pattern DATE =
      Pattern.compile(
          "(?i)\\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?"
              + "|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?"
              + "|(?:last|this|next)\\s+(?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
              + "|yesterday|today|tomorrow|(?:on\\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
              + "|\\d+\\s+(?:days?|weeks?|months?|years?)\\s+ago|for\\s+\\d+\\s+(?:days?|weeks?|months?|years?))\\b");
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
  private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ()-]{8,}\\d");
  private static final Pattern CUSTOMER_ID =
      Pattern.compile("(?i)\\b(?:customer|member|client)\\s+(?:id|number|no\\.?)\\s*(?:is\\s+)?#?\\s*([A-Za-z0-9-]{3,})");
  private static final Pattern NAME = Pattern.compile("(?i)\\bmy name is\\s+([A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?)");
  private static final Pattern PROBLEM =
      Pattern.compile(
          "(?i)\\b(issue|problem|charge|charged|bill|billing|dispute|disputing|refund|error|wrong|incorrect|broken|"
              + "not working|doesn't work|can't|cannot|unable|fail|failed|down|outage|cancel|complain)");
  private static final Pattern TRIED =
      Pattern.compile("(?i)\\b(tried|restarted|rebooted|reset|reinstalled|checked|already|attempted|verified)\\b");
  private static final Pattern PROMISED =
      Pattern.compile("(?i)\\b(i will|i'll|we will|we'll|i have escalated|i've escalated|promise[ds]?|going to)\\b");
  private static final Pattern NEED =
      Pattern.compile("(?i)\\b(?:needs?|wants?|requires?|asking for|would like)\\s+(?:an?\\s+|the\\s+)?([^.!?]{3,80})");
  private static final List<String> NEGATIVE =
      List.of("angry", "upset", "frustrated", "annoyed", "unacceptable", "terrible", "ridiculous", "disputing",
          "complaint", "incorrect", "wrong", "unhappy", "disappointed", "cancel");
  private static final List<String> URGENT = List.of("urgent", "immediate", "immediately", "asap", "right away", "now");
  private static final List<String> POSITIVE = List.of("thank", "great", "appreciate", "happy", "loyal", "pleased");

  @Override
  public Briefing summarize(String transcript, String notes) {
    String t = transcript == null ? "" : transcript;
    String n = notes == null ? "" : notes;
    String text = NumberWords.normalize(withoutSpeakers(t) + "\n" + n);
    List<String> sentences = Sentences.split(text.replace('\n', ' '));

    List<String> spokenOrTyped = matches(ACCOUNT, text, 1);
    List<String> accounts = spokenOrTyped.isEmpty() ? matches(HASH_NUMBER, text, 1) : spokenOrTyped;
    List<String> amounts = amounts(text);
    List<String> dates = matches(DATE, text, 0);
    List<String> customers = new ArrayList<>(matches(NAME, text, 1));
    customers.addAll(matches(CUSTOMER_ID, text, 1));
    customers.addAll(matches(EMAIL, text, 0));
    customers.addAll(matches(PHONE, text, 0).stream().filter(p -> !accounts.contains(p.replaceAll("\\D", ""))).toList());
    String reason = firstMatching(sentences, PROBLEM).orElse(sentences.isEmpty() ? "not stated" : sentences.get(0));
    List<String> tried = sentences.stream().filter(s -> TRIED.matcher(s).find()).limit(3).toList();
    List<String> promised = sentences.stream().filter(s -> PROMISED.matcher(s).find()).limit(3).toList();
    String sentiment = sentiment(text.toLowerCase(Locale.ROOT));
    String nextStep = nextStep(text, reason, accounts, amounts);

    String summary = render(reason, accounts, amounts, dates, tried, promised, sentiment, nextStep);
    String spoken = spoken(reason, accounts, amounts, sentiment, nextStep);
    return new Briefing(summary, reason, List.copyOf(new LinkedHashSet<>(customers)), accounts, amounts, dates,
        tried, promised, sentiment, nextStep, spoken, Provider.LOCAL);
  }

  private static String withoutSpeakers(String transcript) {
    StringBuilder b = new StringBuilder();
    for (String line : transcript.split("\n")) {
      String l = SPEAKER.matcher(line).replaceFirst("").trim();
      if (!l.isEmpty()) {
        b.append(l).append(Sentences.isEnd(l, l.length() - 1) ? " " : ". ");
      }
    }
    return b.toString();
  }

  private static List<String> matches(Pattern p, String text, int group) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(group).trim());
    }
    return List.copyOf(out);
  }

  private static List<String> amounts(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = DOLLARS.matcher(text);
    while (m.find()) {
      out.add("$" + m.group(1) + (m.group(2) == null ? "" : m.group(2)));
    }
    m = DOLLAR_WORDS.matcher(text);
    while (m.find()) {
      String cents = m.group(2) == null ? "" : "." + (m.group(2).length() == 1 ? "0" + m.group(2) : m.group(2));
      out.add("$" + m.group(1) + cents);
    }
    return List.copyOf(out);
  }

  private static java.util.Optional<String> firstMatching(List<String> sentences, Pattern p) {
    return sentences.stream().filter(s -> p.matcher(s).find()).findFirst();
  }

  private static String sentiment(String lower) {
    List<String> parts = new ArrayList<>();
    if (URGENT.stream().anyMatch(w -> Pattern.compile("\\b" + w + "\\b").matcher(lower).find())) {
      parts.add("urgent");
    }
    long neg = NEGATIVE.stream().filter(lower::contains).count();
    long pos = POSITIVE.stream().filter(lower::contains).count();
    if (neg > pos) {
      parts.add("frustrated");
    } else if (pos > neg) {
      parts.add("cooperative");
    }
    return parts.isEmpty() ? "neutral" : String.join(", ", parts);
  }

  private static String nextStep(String text, String reason, List<String> accounts, List<String> amounts) {
    Matcher need = NEED.matcher(text);
    String account = accounts.isEmpty() ? "" : " on account " + accounts.get(0);
    String lower = reason.toLowerCase(Locale.ROOT) + " " + text.toLowerCase(Locale.ROOT);
    if (lower.contains("charge") || lower.contains("bill") || lower.contains("refund")) {
      String amount = amounts.isEmpty() ? "the disputed charge" : "the " + amounts.get(0) + " charge";
      return "Review " + amount + account + " and resolve it with the customer";
    }
    if (need.find()) {
      return "Provide " + need.group(1).trim() + account;
    }
    return "Take over the call and resolve: " + stripEnd(reason);
  }

  private static String render(String reason, List<String> accounts, List<String> amounts, List<String> dates,
      List<String> tried, List<String> promised, String sentiment, String nextStep) {
    StringBuilder b = new StringBuilder(stripEnd(reason)).append('.');
    if (!accounts.isEmpty()) {
      b.append(" Account #").append(String.join(", #", accounts)).append('.');
    }
    if (!amounts.isEmpty()) {
      b.append(" Amount: ").append(String.join(", ", amounts)).append('.');
    }
    if (!dates.isEmpty()) {
      b.append(" When: ").append(String.join(", ", dates)).append('.');
    }
    if (!tried.isEmpty()) {
      b.append(" Tried: ").append(String.join(" ", tried.stream().map(LocalSummarizer::stripEnd).toList())).append('.');
    }
    if (!promised.isEmpty()) {
      b.append(" Promised: ").append(String.join(" ", promised.stream().map(LocalSummarizer::stripEnd).toList())).append('.');
    }
    b.append(" Customer sentiment: ").append(sentiment).append('.');
    b.append(" Next step: ").append(nextStep).append('.');
    return b.toString();
  }

  /** Written to be heard: digits read one by one, amounts in words a listener expects. */
  private static String spoken(String reason, List<String> accounts, List<String> amounts, String sentiment, String nextStep) {
    StringBuilder b = new StringBuilder("Transfer briefing. ");
    b.append(stripEnd(reason)).append(". ");
    if (!accounts.isEmpty()) {
      b.append("Account ").append(String.join(" ", accounts.get(0).replaceAll("\\D", "").split(""))).append(". ");
    }
    if (!amounts.isEmpty()) {
      b.append("Amount ").append(sayAmount(amounts.get(0))).append(". ");
    }
    if (!sentiment.equals("neutral")) {
      b.append("The customer sounds ").append(sentiment.replace(", ", " and ")).append(". ");
    }
    b.append(stripEnd(nextStep)).append('.');
    return Sentences.limitWords(b.toString(), Briefing.MAX_SPOKEN_WORDS);
  }

  private static String sayAmount(String amount) {
    String[] parts = amount.replace("$", "").replace(",", "").split("\\.");
    String dollars = parts[0] + " dollars";
    return parts.length > 1 && !parts[1].matches("0+") ? dollars + " " + Integer.parseInt(parts[1]) + " cents" : dollars;
  }

  private static String stripEnd(String s) {
    return s.trim().replaceAll("[.!?]+$", "");
  }
}
