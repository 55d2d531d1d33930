package dev.warmtransfer.speech.summary;

import dev.warmtransfer.speech.summary.Briefing.Fact;
import dev.warmtransfer.speech.text.Tokens;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turning what someone said into what Agent B hears: first person into third ("my card" is
 * "their card"), greetings and fillers off the front, long sentences cut at a clause, and
 * identifiers read character by character. All of it word by word, in linear time.
 */
final class Voice {
  private static final Set<String> INTERJECTIONS = Set.of(
      "hi", "hello", "hey", "yes", "yeah", "yep", "no", "nope", "well", "so", "um", "uh", "oh", "okay", "ok",
      "sure", "right", "thanks", "understood", "alright", "look", "listen", "good", "morning", "afternoon", "done",
      "great", "perfect", "certainly", "absolutely", "evening");
  private static final List<String> SEEING = List.of("i can see that ", "i see that ", "i can see ", "i see ");
  private static final List<String> CALLING = List.of("i'm calling because ", "i am calling because ");
  private static final Map<String, String> CALLER_TO_THIRD = Map.ofEntries(
      Map.entry("i", "they"), Map.entry("i'm", "they're"), Map.entry("i've", "they've"), Map.entry("i'd", "they'd"),
      Map.entry("i'll", "they'll"), Map.entry("my", "their"), Map.entry("me", "them"),
      Map.entry("myself", "themselves"), Map.entry("mine", "theirs"));
  private static final Map<String, String> AGENT_TO_THIRD = Map.ofEntries(
      Map.entry("you", "them"), Map.entry("your", "their"), Map.entry("you're", "they're"),
      Map.entry("yourself", "themselves"), Map.entry("yours", "theirs"), Map.entry("i", "Agent A"),
      Map.entry("my", "Agent A's"), Map.entry("me", "Agent A"));
  private static final Set<String> CLAUSE_WORDS = Set.of("and", "but", "so", "because", "while", "which", "since");

  private Voice() {}

  /** "Hi Priya, my paycheck..." is "my paycheck...": a greeting word and what follows it up to a comma. */
  static String withoutInterjection(String sentence) {
    String s = sentence.strip();
    for (int round = 0; round < 2; round++) {
      int comma = s.indexOf(',');
      if (comma < 0 || comma > 24) {
        return s;
      }
      String head = s.substring(0, comma).toLowerCase(Locale.ROOT);
      String first = head.split(" ", 2)[0];
      if (!INTERJECTIONS.contains(first) || head.split(" ").length > 3) {
        return s;
      }
      s = s.substring(comma + 1).strip();
    }
    return s;
  }

  /** "I can see that I have reversed it" is "I have reversed it": what the agent saw, without the seeing. */
  static String withoutSeeing(String sentence) {
    String l = sentence.toLowerCase(Locale.ROOT);
    for (String p : SEEING) {
      if (l.startsWith(p)) {
        return sentence.substring(p.length());
      }
    }
    return sentence;
  }

  /** "I'm calling because my card..." is "my card...". */
  static String withoutCalling(String sentence) {
    String l = sentence.toLowerCase(Locale.ROOT);
    for (String p : CALLING) {
      if (l.startsWith(p)) {
        return sentence.substring(p.length());
      }
    }
    return sentence;
  }

  /** A wish told about the caller: "Can you..." and "Please..." are "They ask you to...". */
  static String reportWish(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    if (l.startsWith("can you ") || l.startsWith("could you ")) {
      return "They ask you to " + callerThirdPerson(s.substring(s.indexOf(' ', 4) + 1));
    }
    if (l.startsWith("please ")) {
      return "They ask you to " + callerThirdPerson(s.substring(7));
    }
    return capitalize(callerThirdPerson(s));
  }

  /** The caller's words told about them: "I was charged" is "they were charged". */
  static String callerThirdPerson(String text) {
    String[] w = text.split(" ");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      String word = w[i];
      String core = core(word);
      String lower = core.toLowerCase(Locale.ROOT);
      String to = CALLER_TO_THIRD.get(lower);
      if (i > 0 && core(w[i - 1]).equalsIgnoreCase("i")) {
        to = lower.equals("was") ? "were" : lower.equals("am") ? "are" : lower.equals("wasn't") ? "weren't" : to;
      }
      b.append(i == 0 ? "" : " ").append(to == null ? word : swap(word, core, to));
    }
    return b.toString();
  }

  /** The agent's words told about them: "your card" is "their card". */
  static String agentThirdPerson(String text) {
    String[] w = text.split(" ");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      String core = core(w[i]);
      String to = AGENT_TO_THIRD.get(core.toLowerCase(Locale.ROOT));
      b.append(i == 0 ? "" : " ").append(to == null ? w[i] : swap(w[i], core, to));
    }
    return b.toString();
  }

  /**
   * At most {@code max} words, cut at the last comma or clause word ("and", "because", ...)
   * before the limit, so what remains is still a sentence; null when no such cut exists.
   */
  static String clause(String text, int max) {
    String s = stripEnd(text);
    String[] w = s.split(" ");
    if (w.length <= max) {
      return s;
    }
    for (int i = Math.min(max, w.length - 1); i >= 3; i--) {
      if (w[i - 1].endsWith(",")) {
        return stripEnd(String.join(" ", java.util.Arrays.copyOf(w, i)));
      }
      if (CLAUSE_WORDS.contains(w[i].toLowerCase(Locale.ROOT))) {
        return stripEnd(String.join(" ", java.util.Arrays.copyOf(w, i)));
      }
    }
    return null;
  }

  /**
   * The first clause: up to the first comma or clause word once there are at least three words;
   * text with no such place is cut after 20 words (only run-on input has none).
   */
  static String firstClause(String text) {
    String s = stripEnd(text);
    String[] w = s.split(" ");
    for (int i = 3; i < w.length; i++) {
      if (i == 20) {
        return String.join(" ", java.util.Arrays.copyOf(w, i));
      }
      if (w[i - 1].endsWith(",") || CLAUSE_WORDS.contains(w[i].toLowerCase(Locale.ROOT))) {
        return stripEnd(String.join(" ", java.util.Arrays.copyOf(w, i)));
      }
    }
    return s;
  }

  /**
   * Written to be heard: identifiers character by character, amounts in dollars and cents,
   * thousands without commas (a synthesizer reads "2,150" as "2 150").
   */
  static String say(String text, List<Fact> facts) {
    StringBuilder b = new StringBuilder();
    String[] w = text.split(" ");
    for (int i = 0; i < w.length; i++) {
      String word = w[i];
      String core = core(word);
      String said = core;
      if (isIdentifier(core, facts)) {
        said = Tokens.spelled(core);
      } else if (core.startsWith("$") && FactFinder.amountShape(core.substring(1))) {
        said = sayAmount(core);
      } else if (FactFinder.amountShape(core)) {
        said = core.replace(",", "");
      }
      b.append(i == 0 ? "" : " ").append(swap(word, core, said));
    }
    return b.toString();
  }

  private static boolean isIdentifier(String word, List<Fact> facts) {
    if (word.isEmpty() || FactFinder.digitCount(word) == 0) {
      return false;
    }
    for (Fact f : facts) {
      if (f.value().equalsIgnoreCase(word) && identifierKind(f.kind())) {
        return true;
      }
    }
    return false;
  }

  static boolean identifierKind(String kind) {
    return !Set.of(FactFinder.AMOUNT, FactFinder.DATE, FactFinder.TIME, FactFinder.PLACE, FactFinder.TEAM,
        FactFinder.NAME, FactFinder.EMAIL).contains(kind);
  }

  /** "$182.40" is "182 dollars and 40 cents"; "$2,150" is "2150 dollars". */
  static String sayAmount(String amount) {
    String a = amount.replace("$", "").replace(",", "");
    int dot = a.indexOf('.');
    String dollars = dot < 0 ? a : a.substring(0, dot);
    String cents = dot < 0 ? "" : a.substring(dot + 1);
    String whole = dollars + (dollars.equals("1") ? " dollar" : " dollars");
    if (cents.isEmpty() || cents.chars().allMatch(c -> c == '0')) {
      return whole;
    }
    int c = Integer.parseInt(cents.length() == 1 ? cents + "0" : cents);
    return whole + " and " + c + (c == 1 ? " cent" : " cents");
  }

  /** A word without the punctuation around it ("card." is "card"; "$99.99," is "$99.99"). */
  static String core(String word) {
    int start = 0;
    int end = word.length();
    while (start < end && !Character.isLetterOrDigit(word.charAt(start)) && word.charAt(start) != '$') {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(word.charAt(end - 1))) {
      end--;
    }
    return word.substring(start, end);
  }

  private static String swap(String word, String core, String to) {
    if (core.isEmpty()) {
      return word;
    }
    int at = word.indexOf(core);
    return word.substring(0, at) + to + word.substring(at + core.length());
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static String lowerFirst(String s) {
    if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
        && !s.startsWith("I ") && !s.startsWith("I'")) {
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }

  static String stripEnd(String s) {
    String t = s.strip();
    int end = t.length();
    while (end > 0 && ".!?,;:".indexOf(t.charAt(end - 1)) >= 0) {
      end--;
    }
    return t.substring(0, end);
  }

  static int words(String s) {
    return dev.warmtransfer.speech.text.Sentences.words(s);
  }
}
