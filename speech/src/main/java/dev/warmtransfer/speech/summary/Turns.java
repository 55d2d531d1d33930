package dev.warmtransfer.speech.summary;

import dev.warmtransfer.speech.summary.Turn.Role;
import dev.warmtransfer.speech.text.Tokens;
import dev.warmtransfer.speech.text.Tokens.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Speaker-labelled lines ("caller-123: ...", "Agent: ...", "Priya Shah: ...") into turns, and
 * who is the caller. A label word decides first ("caller", "agent", "patient"); otherwise what
 * people say does: the agent greets with a company name and offers help, the caller asks for it.
 */
final class Turns {
  private static final int MAX_LABEL = 40;
  private static final Set<String> CALLER_WORDS =
      Set.of("caller", "customer", "client", "member", "patient", "user", "cust", "guest", "policyholder",
          "employee", "passenger", "subscriber");
  private static final Set<String> AGENT_WORDS =
      Set.of("agent", "rep", "representative", "support", "advisor", "adviser", "operator", "csr", "staff",
          "pharmacist", "assistant", "associate", "specialist", "clerk", "hr", "bank", "service");
  private static final List<String> AGENT_SAYS =
      List.of("thanks for calling", "thank you for calling", "how can i help", "how may i help", "speaking",
          "here.", "this is", "what is your", "what's your", "can i have your", "could i have your",
          "let me look", "let me check", "i can see", "i see your", "i'll transfer", "i'll send you",
          "i'll connect you", "i'll pass you", "welcome to");
  private static final List<String> CALLER_SAYS =
      List.of("my ", "i need", "i want", "i'd like", "i was charged", "i'm calling", "i am calling", "help me",
          "i don't want", "i didn't");

  private Turns() {}

  /** Lines with a label become turns; a line without one continues the turn before it. */
  static List<Turn> parse(String transcript) {
    List<String[]> raw = new ArrayList<>();
    for (String line : transcript.split("\n")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      int colon = labelEnd(l);
      if (colon > 0) {
        raw.add(new String[] {l.substring(0, colon).strip(), l.substring(colon + 1).strip()});
      } else if (!raw.isEmpty() && !raw.get(raw.size() - 1)[0].isEmpty()) {
        String[] last = raw.get(raw.size() - 1);
        last[1] = last[1] + " " + l;
      } else {
        raw.add(new String[] {"", l});
      }
    }
    Map<String, Role> roles = roles(raw);
    List<Turn> turns = new ArrayList<>();
    for (String[] r : raw) {
      turns.add(new Turn(r[0], roles.getOrDefault(r[0], Role.UNKNOWN), r[1]));
    }
    return turns;
  }

  /** Turns given with some roles unknown: beside a known agent an unknown speaker is the caller, and back. */
  static List<Turn> resolve(List<Turn> turns) {
    boolean caller = turns.stream().anyMatch(t -> t.role() == Role.CALLER);
    boolean agent = turns.stream().anyMatch(t -> t.role() == Role.AGENT);
    if (caller == agent) {
      return turns;
    }
    Role other = caller ? Role.AGENT : Role.CALLER;
    return turns.stream()
        .map(t -> t.role() == Role.UNKNOWN && !t.speaker().isBlank() ? new Turn(t.speaker(), other, t.text()) : t)
        .toList();
  }

  /**
   * Where a speaker label ends: up to 40 letters, digits, spaces, '-', '_' or '.' then ':' and a
   * space; at most three words, so "Note to self: ..." and prose are not labels.
   */
  static int labelEnd(String line) {
    int words = 1;
    int limit = Math.min(line.length() - 1, MAX_LABEL);
    for (int i = 0; i <= limit; i++) {
      char c = line.charAt(i);
      if (c == ':') {
        return i > 0 && (i + 1 == line.length() || Character.isWhitespace(line.charAt(i + 1))) ? i : -1;
      }
      if (c == ' ') {
        words++;
        if (words > 3) {
          return -1;
        }
      } else if (!Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != '.') {
        return -1;
      }
    }
    return -1;
  }

  private static Map<String, Role> roles(List<String[]> raw) {
    Map<String, StringBuilder> said = new LinkedHashMap<>();
    for (String[] r : raw) {
      if (!r[0].isEmpty()) {
        said.computeIfAbsent(r[0], k -> new StringBuilder()).append(' ').append(r[1].toLowerCase(Locale.ROOT));
      }
    }
    Map<String, Role> roles = new HashMap<>();
    Map<String, Integer> scores = new HashMap<>();
    for (var e : said.entrySet()) {
      Role byLabel = byLabel(e.getKey());
      if (byLabel != Role.UNKNOWN) {
        roles.put(e.getKey(), byLabel);
      } else {
        scores.put(e.getKey(), score(e.getValue().toString()));
      }
    }
    boolean callerKnown = roles.containsValue(Role.CALLER);
    boolean agentKnown = roles.containsValue(Role.AGENT);
    for (var e : scores.entrySet()) {
      int s = e.getValue();
      Role r;
      if (callerKnown && !agentKnown) {
        r = Role.AGENT;
      } else if (agentKnown && !callerKnown) {
        r = Role.CALLER;
      } else {
        // Positive: sounds like a caller. Compared with the others, so two unknowns split.
        int best = scores.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int worst = scores.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        r = scores.size() > 1 && best > worst ? (s == best ? Role.CALLER : Role.AGENT)
            : (s > 0 ? Role.CALLER : s < 0 ? Role.AGENT : Role.UNKNOWN);
      }
      roles.put(e.getKey(), r);
    }
    return roles;
  }

  private static Role byLabel(String label) {
    for (Token t : Tokens.of(label.replace('-', ' ').replace('_', ' '))) {
      String w = t.lower();
      if (CALLER_WORDS.contains(w)) {
        return Role.CALLER;
      }
      if (AGENT_WORDS.contains(w)) {
        return Role.AGENT;
      }
    }
    return Role.UNKNOWN;
  }

  private static int score(String lower) {
    int s = 0;
    for (String p : CALLER_SAYS) {
      s += count(lower, p);
    }
    for (String p : AGENT_SAYS) {
      s -= 2 * count(lower, p);
    }
    return s;
  }

  private static int count(String text, String phrase) {
    int n = 0;
    for (int i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + phrase.length())) {
      n++;
    }
    return n;
  }
}
