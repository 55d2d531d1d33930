package dev.warmtransfer.speech.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spoken numbers to digits, so facts said aloud ("account one two three four five", "ninety
 * nine dollars") can be found like typed ones. A run of single digits is read digit by digit
 * (account and phone numbers); other runs are read as a quantity.
 */
public final class NumberWords {
  private static final Map<String, Integer> UNITS =
      Map.ofEntries(
          Map.entry("zero", 0), Map.entry("oh", 0), Map.entry("one", 1), Map.entry("two", 2),
          Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
          Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9));
  private static final Map<String, Integer> TEENS_AND_TENS =
      Map.ofEntries(
          Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13),
          Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
          Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19),
          Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50),
          Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80), Map.entry("ninety", 90));
  private static final java.util.Set<String> UNITS_AFTER = java.util.Set.of(
      "dollar", "dollars", "bucks", "cent", "cents", "percent", "day", "days", "week", "weeks", "month", "months",
      "year", "years");

  private NumberWords() {}

  public static String normalize(String text) {
    List<String> tokens = split(text);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < tokens.size()) {
      int end = runEnd(tokens, i);
      if (end > i) {
        List<String> run = words(tokens, i, end);
        String digits = render(run, unitAfter(tokens, end));
        if (digits != null) {
          out.append(digits);
          i = end;
          continue;
        }
      }
      out.append(tokens.get(i));
      i++;
    }
    return out.toString();
  }

  /** Runs of ASCII letters and runs of anything else, in one pass (no regular expression: linear on any input). */
  private static List<String> split(String text) {
    List<String> tokens = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length() || letter(text.charAt(i)) != letter(text.charAt(start))) {
        tokens.add(text.substring(start, i));
        start = i;
      }
    }
    return tokens;
  }

  private static boolean letter(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  /** Whether a unit word ("dollars", "weeks") follows, after nothing but white space. */
  private static boolean unitAfter(List<String> tokens, int end) {
    int i = end;
    if (i < tokens.size() && tokens.get(i).isBlank()) {
      i++;
    }
    return i < tokens.size() && (i == end || tokens.get(end).isBlank())
        && UNITS_AFTER.contains(tokens.get(i).toLowerCase(Locale.ROOT));
  }

  /** Index after the last token of a run of number words (separated by spaces or "and"/hyphens). */
  private static int runEnd(List<String> tokens, int start) {
    int end = start;
    int i = start;
    while (i < tokens.size()) {
      String t = tokens.get(i).toLowerCase(Locale.ROOT);
      if (isNumberWord(t)) {
        end = i + 1;
        i++;
      } else if (end > start && (t.equals(" ") || t.equals("-") || t.equals(" and ")) ) {
        i++;
      } else if (end > start && t.equals("and")) {
        i++;
      } else {
        break;
      }
    }
    return end;
  }

  private static List<String> words(List<String> tokens, int from, int to) {
    List<String> w = new ArrayList<>();
    for (String t : tokens.subList(from, to)) {
      String l = t.toLowerCase(Locale.ROOT);
      if (isNumberWord(l)) {
        w.add(l);
      }
    }
    return w;
  }

  private static boolean isNumberWord(String t) {
    return UNITS.containsKey(t) || TEENS_AND_TENS.containsKey(t) || t.equals("hundred") || t.equals("thousand");
  }

  /** Digits for a run, or null to leave the words alone ("no one", "this one"). */
  private static String render(List<String> run, boolean unitFollows) {
    boolean allSingles = run.stream().allMatch(UNITS::containsKey);
    if (allSingles && run.size() >= 2) {
      StringBuilder d = new StringBuilder();
      run.forEach(w -> d.append(UNITS.get(w)));
      return d.toString();
    }
    if (run.size() == 1 && UNITS.containsKey(run.get(0)) && !unitFollows) {
      return null;
    }
    long total = 0;
    long current = 0;
    for (String w : run) {
      if (UNITS.containsKey(w)) {
        current += UNITS.get(w);
      } else if (TEENS_AND_TENS.containsKey(w)) {
        current += TEENS_AND_TENS.get(w);
      } else if (w.equals("hundred")) {
        current = Math.max(1, current) * 100;
      } else {
        total += Math.max(1, current) * 1000;
        current = 0;
      }
    }
    return Long.toString(total + current);
  }
}
