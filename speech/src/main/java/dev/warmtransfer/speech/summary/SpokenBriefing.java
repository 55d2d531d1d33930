package dev.warmtransfer.speech.summary;

import dev.warmtransfer.speech.summary.Briefing.Fact;
import dev.warmtransfer.speech.summary.CallReader.Read;
import dev.warmtransfer.speech.text.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The briefing as a person would say it in at most 60 words: the caller's problem told about
 * them ("The caller says their card was charged twice."), then the identifiers read out, amounts,
 * dates and places, then what was done and what the caller wants, and the team. Sentences that
 * tell a story (what Agent A did, what the caller wants) are added while they fit; facts they
 * already mention are not repeated.
 */
final class SpokenBriefing {
  private static final int REASON_WORDS = 16;
  private static final int DONE_WORDS = 10;
  private static final int FOUND_WORDS = 14;

  private SpokenBriefing() {}

  static String compose(Read r, String sentiment) {
    List<Fact> facts = r.facts();
    String opening = opening(r, facts, true);
    List<String> stories = new ArrayList<>();
    r.decided().stream().limit(2).map(s -> decided(s, facts)).filter(s -> s != null).forEach(stories::add);
    r.wants().stream().limit(2).map(s -> wants(s, facts)).filter(s -> s != null).forEach(stories::add);
    r.tried().stream().limit(1).map(s -> tried(s, facts)).filter(s -> s != null).forEach(stories::add);
    r.found().stream().limit(1).map(s -> found(s, facts)).filter(s -> s != null).forEach(stories::add);
    String mood = sentiment.equals("neutral") ? null : "They sound " + sentiment.replace(", ", " and ") + ".";

    List<String> chosen = new ArrayList<>();
    String best = assemble(opening, chosen, facts, null);
    if (Voice.words(best) > Briefing.MAX_SPOKEN_WORDS) {
      opening = opening(r, facts, false);
      best = assemble(opening, chosen, facts, null);
    }
    for (String story : stories) {
      chosen.add(story);
      String tryIt = assemble(opening, chosen, facts, null);
      if (Voice.words(tryIt) <= Briefing.MAX_SPOKEN_WORDS) {
        best = tryIt;
      } else {
        chosen.remove(chosen.size() - 1);
      }
    }
    if (mood != null) {
      String withMood = assemble(opening, chosen, facts, mood);
      if (Voice.words(withMood) <= Briefing.MAX_SPOKEN_WORDS) {
        best = withMood;
      }
    }
    return dev.warmtransfer.speech.text.Sentences.limitWords(best, Briefing.MAX_SPOKEN_WORDS);
  }

  private static String opening(Read r, List<Fact> facts, boolean withName) {
    String reason = Voice.stripEnd(r.reasonFromCaller() ? Voice.withoutCalling(r.reason()) : r.reason());
    String subject = withName && r.callerName() != null ? "The caller, " + r.callerName() + "," : "The caller";
    if (!r.reasonFromCaller()) {
      String c = Voice.clause(reason, REASON_WORDS + 3);
      return Voice.say(Voice.capitalize(c == null ? Voice.firstClause(reason) : c), facts) + ".";
    }
    String told = Voice.callerThirdPerson(Voice.lowerFirst(reason));
    String c = Voice.clause(told, REASON_WORDS);
    return subject + " says " + Voice.say(c == null ? Voice.firstClause(told) : c, facts) + ".";
  }

  private static String decided(String said, List<Fact> facts) {
    String s = Voice.withoutSeeing(said);
    String l = s.toLowerCase(Locale.ROOT);
    String rest;
    String subject;
    if (l.startsWith("i've ") || l.startsWith("we've ")) {
      rest = s.substring(s.indexOf(' ') + 1);
      subject = "Agent A has ";
    } else if (l.startsWith("i have ") || l.startsWith("we have ")) {
      rest = s.substring(s.indexOf(' ', s.indexOf(' ') + 1) + 1);
      subject = "Agent A has ";
    } else if (l.startsWith("i went ahead and ")) {
      rest = s.substring("i went ahead and ".length());
      subject = "Agent A ";
    } else if (l.startsWith("i'm not able to ")) {
      rest = s.substring("i'm not able to ".length());
      subject = "Agent A can't ";
    } else {
      rest = s.substring(s.indexOf(' ') + 1);
      subject = "Agent A ";
    }
    return sentence(subject + Voice.agentThirdPerson(rest), facts, DONE_WORDS);
  }

  private static String wants(String s, List<Fact> facts) {
    String told = Voice.reportWish(s);
    // The first clause only: "..., please just cancel it" or "..., any airline" read as a report is not English.
    return sentence(Voice.firstClause(told), facts, FOUND_WORDS);
  }

  private static String tried(String s, List<Fact> facts) {
    String l = s.toLowerCase(Locale.ROOT);
    if (l.startsWith("i ") || l.startsWith("i've ") || l.startsWith("my ")) {
      return sentence(Voice.capitalize(Voice.callerThirdPerson(s)), facts, DONE_WORDS);
    }
    if (l.startsWith("we ")) {
      return sentence("Agent A " + Voice.agentThirdPerson(s.substring(3)), facts, DONE_WORDS);
    }
    return sentence("They tried this: " + Voice.lowerFirst(Voice.callerThirdPerson(s)), facts, DONE_WORDS);
  }

  private static String found(String s, List<Fact> facts) {
    String l = s.toLowerCase(Locale.ROOT);
    if (l.startsWith("i can offer ") || l.startsWith("i could offer ")) {
      return sentence("Agent A offered " + Voice.agentThirdPerson(s.substring(s.indexOf("offer ") + 6)), facts, DONE_WORDS);
    }
    String rest = l.startsWith("i see ") ? s.substring(6) : l.startsWith("i can see ") ? s.substring(10) : Voice.lowerFirst(s);
    if (rest.startsWith("I ") || rest.startsWith("I'")) {
      return null; // "I think...", "I understand...": not a finding
    }
    return sentence("Agent A found " + Voice.agentThirdPerson(rest), facts, FOUND_WORDS);
  }

  /** A whole, short sentence, or null when it cannot be cut to a sentence. */
  private static String sentence(String s, List<Fact> facts, int max) {
    String c = Voice.clause(s, max);
    if (c == null) {
      c = Voice.firstClause(s);
      if (Voice.words(c) > max + 2) {
        return null;
      }
    }
    return Voice.say(c, facts) + ".";
  }

  /** Opening, then facts not yet said, then the chosen story sentences, team last. */
  private static String assemble(String opening, List<String> stories, List<Fact> facts, String mood) {
    StringBuilder said = new StringBuilder(opening);
    stories.forEach(s -> said.append(' ').append(s));
    String heard = words(said.toString());
    List<String> ids = new ArrayList<>();
    List<String> amounts = new ArrayList<>();
    List<String> dates = new ArrayList<>();
    List<String> places = new ArrayList<>();
    String team = null;
    for (Fact f : facts) {
      String v = f.value();
      switch (f.kind()) {
        case FactFinder.AMOUNT -> addUnheard(amounts, Voice.sayAmount(v), heard);
        case FactFinder.DATE, FactFinder.TIME -> addUnheard(dates, v, heard);
        case FactFinder.PLACE -> addUnheard(places, v, heard);
        case FactFinder.TEAM -> team = team == null && !heard.contains(words(v)) ? v : team;
        case FactFinder.NAME, FactFinder.EMAIL, FactFinder.PHONE -> { }
        default -> {
          if (!heard.contains(words(Tokens.spelled(v)))) {
            addUnheard(ids, label(f.kind()) + " " + Tokens.spelled(v), heard);
          }
        }
      }
    }
    StringBuilder b = new StringBuilder(opening);
    if (!ids.isEmpty()) {
      b.append(' ').append(Voice.capitalize(String.join(", ", ids.subList(0, Math.min(3, ids.size()))))).append('.');
    }
    list(b, amounts, "Amount", "Amounts");
    list(b, dates, "When:", "When:");
    list(b, places, "Place:", "Places:");
    stories.forEach(s -> b.append(' ').append(s));
    if (team != null) {
      b.append(" Transferred to ").append(team.endsWith("support") ? "" : "the ").append(team).append('.');
    }
    if (mood != null) {
      b.append(' ').append(mood);
    }
    return b.toString();
  }

  private static String label(String kind) {
    return kind.equals("number") ? "number" : kind;
  }

  private static void addUnheard(List<String> out, String spokenForm, String heard) {
    String w = words(spokenForm);
    if (!heard.contains(w) && !out.contains(spokenForm)) {
      out.add(spokenForm);
    }
  }

  private static void list(StringBuilder b, List<String> items, String one, String many) {
    if (items.isEmpty()) {
      return;
    }
    List<String> first = items.subList(0, Math.min(4, items.size()));
    String joined = first.size() == 1 ? first.get(0)
        : String.join(", ", first.subList(0, first.size() - 1)) + " and " + first.get(first.size() - 1);
    b.append(' ').append(first.size() == 1 ? one : many).append(' ').append(joined).append('.');
  }

  /** Lower-case words padded with spaces, for "already said" checks. */
  private static String words(String s) {
    StringBuilder b = new StringBuilder(" ");
    for (Tokens.Token t : Tokens.of(s)) {
      if (t.type() != Tokens.Type.SYMBOL) {
        b.append(t.lower()).append(' ');
      }
    }
    return b.toString();
  }
}
