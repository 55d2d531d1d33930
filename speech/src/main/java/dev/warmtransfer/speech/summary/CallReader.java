package dev.warmtransfer.speech.summary;

import dev.warmtransfer.speech.summary.Briefing.Fact;
import dev.warmtransfer.speech.summary.Turn.Role;
import dev.warmtransfer.speech.text.NumberWords;
import dev.warmtransfer.speech.text.Sentences;
import dev.warmtransfer.speech.text.Tokens;
import dev.warmtransfer.speech.text.Tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a call turn by turn, knowing who speaks: the caller's problem and wishes come from the
 * caller's sentences, what was found, done and promised from the agent's, and facts from both.
 */
final class CallReader {
  /** What the call says, each list in the order it was said; sentences as spoken (first person). */
  record Read(
      String reason, boolean reasonFromCaller, List<String> tried, List<String> found, List<String> decided,
      List<String> promised, List<String> wants, List<Fact> facts, String callerName, String callerText) {}

  private static final Set<String> PROBLEM = Set.of(
      "issue", "problem", "charge", "charged", "bill", "billing", "dispute", "disputing", "refund", "error",
      "wrong", "incorrect", "broken", "not", "didn't", "can't", "cannot", "unable", "fail", "failed", "down",
      "outage", "cancel", "cancelled", "canceled", "complain", "rejected", "denied", "lost", "stolen", "missing",
      "short", "damaged", "late", "never", "nobody", "only", "twice", "fraud", "leak", "stuck", "isn't", "won't",
      "doesn't", "haven't", "hasn't", "declined", "overcharged", "locked");
  private static final List<String> GREETING = List.of(
      "thanks for calling", "thank you for calling", "how can i help", "how may i help", "speaking",
      "welcome to", "help you today", " here. ", "you've reached", "you have reached");
  private static final List<String> TRIED = List.of(
      "tried", "restarted", "rebooted", "reset", "reinstalled", "unplugged", "checked", "already", "cleared",
      "called before", "i ran", "we ran");
  private static final List<String> DECIDED = List.of(
      "i've ", "i have ", "we've ", "we have ", "i just ", "i already ", "i went ahead and ", "i can't ",
      "i cannot ", "we can't ", "we cannot ", "i'm not able to ");
  private static final List<String> PROMISED = List.of(
      "i'll ", "i will ", "we'll ", "we will ", "i'm going to ", "we're going to ", "i promise");
  private static final List<String> WANTS = List.of(
      "i want", "i'd like", "i would like", "i need", "i don't want", "i do not want", "i'd rather",
      "i would rather", "i just want", "i'm asking", "i am asking", "i'm hoping", "i prefer", "please ",
      "can you ", "could you ", "i expect");
  private static final List<String> NOT_FOUND = List.of("sorry", "thank", "let me", "understood", "one moment");

  private CallReader() {}

  static Read read(List<Turn> turns, String notes) {
    List<Turn> all = new ArrayList<>(turns);
    if (notes != null && !notes.isBlank()) {
      all.add(new Turn("notes", Role.UNKNOWN, notes));
    }
    boolean hasCaller = all.stream().anyMatch(t -> t.role() == Role.CALLER);
    FactFinder finder = new FactFinder();
    String reason = null;
    String firstCallerSentence = null;
    List<String> tried = new ArrayList<>();
    List<String> found = new ArrayList<>();
    List<String> decided = new ArrayList<>();
    List<String> promised = new ArrayList<>();
    List<String> wants = new ArrayList<>();
    StringBuilder allText = new StringBuilder();
    String asked = null;
    String askedBy = null;
    String callerName = null;
    for (Turn turn : all) {
      if (turn.role() == Role.CALLER && looksLikeName(turn.speaker())) {
        callerName = callerName == null ? turn.speaker() : callerName;
      }
      String text = NumberWords.normalize(turn.text());
      String askedHere = null;
      boolean callerSide = turn.role() == Role.CALLER || !hasCaller && turn.role() == Role.UNKNOWN;
      boolean agentSide = turn.role() == Role.AGENT || !hasCaller && turn.role() == Role.UNKNOWN;
      if (callerSide) {
        allText.append(text).append('\n'); // the caller's mood, not the agent's politeness
      }
      for (String raw : Sentences.split(text.replace('\n', ' '))) {
        String sentence = Voice.withoutInterjection(raw);
        String lower = sentence.toLowerCase(Locale.ROOT) + " ";
        List<Token> tokens = Tokens.of(sentence);
        // Only the agent greets with a company name; "no club here." from a caller is not a greeting.
        boolean greeting = turn.role() != Role.CALLER && GREETING.stream().anyMatch(lower::contains);
        boolean question = sentence.endsWith("?");
        finder.scan(tokens, turn.role(), turn.speaker().equals(askedBy) ? null : asked, greeting);
        if (question) {
          askedHere = askedKind(tokens);
        }
        if (greeting || Voice.words(sentence) < 3 || pleasantry(lower)) {
          continue;
        }
        if (callerSide) {
          if (firstCallerSentence == null) {
            firstCallerSentence = sentence;
          }
          if (reason == null && tokens.stream().anyMatch(t -> PROBLEM.contains(t.lower()))) {
            reason = sentence;
            continue;
          }
          if (TRIED.stream().anyMatch(lower::contains) && tried.size() < 3) {
            tried.add(sentence);
          } else if (wantsAt(lower) >= 0 && wants.size() < 3) {
            wants.add(sentence.substring(wantsAt(lower)));
          }
        }
        if (agentSide && !question) {
          String seen = Voice.withoutSeeing(sentence).toLowerCase(Locale.ROOT) + " ";
          if (DECIDED.stream().anyMatch(seen::startsWith)) {
            decided.add(sentence);
          } else if (PROMISED.stream().anyMatch(lower::startsWith) || PROMISED.stream().anyMatch(lower::contains)) {
            promised.add(sentence);
          } else if (TRIED.stream().anyMatch(lower::contains) && !callerSide) {
            tried.add(sentence);
          } else if (!callerSide && NOT_FOUND.stream().noneMatch(lower::contains) && Voice.words(sentence) >= 4
              && (!seen.startsWith("i ") || !lower.startsWith("i "))) {
            found.add(sentence);
          }
        }
      }
      if (askedHere != null) {
        asked = askedHere;
        askedBy = turn.speaker();
      } else if (!turn.speaker().equals(askedBy)) {
        asked = null;
      }
    }
    if (reason == null) {
      reason = firstCallerSentence != null ? firstCallerSentence : "not stated";
    }
    if (callerName != null) {
      finder.add(FactFinder.NAME, callerName);
    }
    List<String> names = finder.values(FactFinder.NAME);
    return new Read(reason, hasCaller, limit(tried), limit(found), limit(decided), limit(promised), limit(wants),
        finder.facts(), names.isEmpty() ? null : names.get(0), allText.toString());
  }

  private static int wantsAt(String lower) {
    int best = -1;
    for (String w : WANTS) {
      int at = lower.indexOf(w);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
      }
    }
    return best;
  }

  private static boolean pleasantry(String lower) {
    return lower.startsWith("my name is") || lower.startsWith("this is") || lower.startsWith("thank")
        || lower.startsWith("name's");
  }

  /** What a question asks for: "What is your claim number?" is a claim; "the last four digits" a card's end. */
  private static String askedKind(List<Token> tokens) {
    String kind = null;
    boolean lastFour = false;
    for (int i = 0; i < tokens.size(); i++) {
      String w = tokens.get(i).lower();
      kind = kind == null ? FactFinder.ID_KINDS.get(w) : kind;
      lastFour |= w.equals("last") && FactFinder.at(tokens, i + 1, "four", "4");
    }
    return lastFour ? (kind == null ? "card" : kind) + " ending in" : kind;
  }

  /** A label like "Marcus Webb": capitalized words, no digits, not a role word. */
  private static boolean looksLikeName(String label) {
    if (label.isEmpty() || label.length() > 40) {
      return false;
    }
    for (String w : label.split(" ")) {
      if (w.isEmpty() || !Character.isUpperCase(w.charAt(0)) || !w.chars().allMatch(Character::isLetter)) {
        return false;
      }
    }
    String lower = label.toLowerCase(Locale.ROOT);
    return !Set.of("caller", "customer", "client", "member", "patient", "agent", "rep", "representative",
        "pharmacist", "user", "operator", "support", "notes").contains(lower);
  }

  private static List<String> limit(List<String> l) {
    return List.copyOf(l.subList(0, Math.min(3, l.size())));
  }
}
