package dev.warmtransfer.speech.summary;

import static java.util.Map.entry;

import dev.warmtransfer.speech.summary.Briefing.Fact;
import dev.warmtransfer.speech.text.Tokens.Token;
import dev.warmtransfer.speech.text.Tokens.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Facts in one sentence's tokens: identifiers with the word that says what they are ("claim
 * CL-20931", "the card ending in 0093"), amounts, dates and times, places, teams, names, e-mail
 * addresses and phone numbers. Every rule looks a bounded number of tokens around one token,
 * so a sentence is read in linear time whatever it holds.
 */
final class FactFinder {
  static final String AMOUNT = "amount";
  static final String DATE = "date";
  static final String TIME = "time";
  static final String PLACE = "place";
  static final String TEAM = "team";
  static final String NAME = "name";
  static final String EMAIL = "email";
  static final String PHONE = "phone";
  static final String ACCOUNT = "account";
  private static final int MAX_VALUE = 40;
  private static final int LOOK_BACK = 6;

  static final Map<String, String> ID_KINDS = Map.ofEntries(
      entry("account", ACCOUNT), entry("acct", ACCOUNT), entry("claim", "claim"), entry("rx", "prescription"),
      entry("prescription", "prescription"), entry("employee", "employee number"), entry("order", "order"),
      entry("policy", "policy"), entry("member", "member"), entry("membership", "member"),
      entry("ticket", "ticket"), entry("case", "case"), entry("reference", "reference"), entry("ref", "reference"),
      entry("confirmation", "confirmation"), entry("booking", "booking"), entry("reservation", "booking"),
      entry("invoice", "invoice"), entry("customer", "customer"), entry("client", "customer"),
      entry("card", "card"), entry("meter", "meter"), entry("flight", "flight"), entry("tracking", "tracking"),
      entry("loan", "loan"), entry("patient", "patient"), entry("badge", "badge"), entry("serial", "serial"),
      entry("contract", "contract"), entry("device", "device"), entry("license", "license"),
      entry("licence", "license"), entry("routing", "routing"), entry("iban", "IBAN"));
  private static final Set<String> FILLERS = Set.of(
      "number", "no", "num", "nr", "id", "is", "it's", "its", "was", "the", "my", "your", "of", "ending", "ends",
      "in", "with", "last", "four", "digits", "code", "are", "that", "a", "an", "it", "that's", "debit", "credit",
      "#", ":", "-", ",", "(", "account's", "on", "file", "says");
  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      entry("january", 1), entry("february", 2), entry("march", 3), entry("april", 4), entry("may", 5),
      entry("june", 6), entry("july", 7), entry("august", 8), entry("september", 9), entry("october", 10),
      entry("november", 11), entry("december", 12), entry("jan", 1), entry("feb", 2), entry("mar", 3),
      entry("apr", 4), entry("jun", 6), entry("jul", 7), entry("aug", 8), entry("sep", 9), entry("sept", 9),
      entry("oct", 10), entry("nov", 11), entry("dec", 12));
  private static final Set<String> WEEKDAYS =
      Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
  private static final Set<String> RELATIVE_DAYS = Set.of("yesterday", "today", "tomorrow", "tonight");
  private static final Set<String> PERIODS =
      Set.of("week", "month", "year", "weekend", "night", "morning", "afternoon", "evening");
  private static final Set<String> UNITS =
      Set.of("day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours");
  private static final Set<String> TEAM_WORDS =
      Set.of("team", "department", "desk", "unit", "specialists", "support", "line", "dept");
  private static final Set<String> TEAM_NAMES =
      Set.of("billing", "payroll", "claims", "fraud", "sales", "retention", "shipping", "appeals", "collections",
          "cancellations", "repairs", "underwriting", "disputes");
  private static final Set<String> STOP = Set.of(
      "the", "our", "a", "an", "to", "your", "my", "their", "this", "that", "you", "with", "and", "for", "of",
      "on", "in", "at", "from", "is", "it", "get", "put", "send", "him", "her", "them", "me", "us", "i", "by");
  private static final Set<String> PLACE_NOUNS =
      Set.of("clinic", "hospital", "branch", "store", "station", "airport", "office", "club", "center", "centre",
          "mall", "street", "road", "avenue", "lane", "drive", "boulevard", "pharmacy");
  private static final Set<String> NOT_PLACES = Set.of("i", "i'm", "i've", "dr", "mr", "mrs", "ms", "hr", "it");
  private static final Set<String> HANDOFF_VERBS =
      Set.of("speak", "talk", "transfer", "send", "connect", "pass", "get", "welcome", "you", "calling", "put");

  private final Map<String, Fact> facts = new LinkedHashMap<>();

  /** Every fact found so far, first mention first. */
  List<Fact> facts() {
    return List.copyOf(facts.values());
  }

  List<String> values(String kind) {
    return facts.values().stream().filter(f -> f.kind().equals(kind)).map(Fact::value).toList();
  }

  void add(String kind, String value) {
    String v = value.strip();
    if (!v.isEmpty() && v.length() <= MAX_VALUE * 2) {
      facts.putIfAbsent(v.toLowerCase(Locale.ROOT), new Fact(kind, v));
    }
  }

  /**
   * Reads one sentence. {@code askedKind} is what the other side just asked for ("What is your
   * account number?"), so "It's 44102298." is known to be the account.
   */
  void scan(List<Token> t, Turn.Role role, String askedKind, boolean greeting) {
    for (int i = 0; i < t.size(); i++) {
      Token tok = t.get(i);
      if (tok.text().length() > MAX_VALUE) {
        continue;
      }
      if (tok.type() == Type.NUMBER) {
        number(t, i, askedKind);
      } else if (tok.type() == Type.WORD) {
        word(t, i, role, greeting);
      }
    }
  }

  private void number(List<Token> t, int i, String askedKind) {
    Token tok = t.get(i);
    String s = tok.text();
    if (i > 0 && t.get(i - 1).is("$")) {
      if (amountShape(s)) {
        add(AMOUNT, "$" + s);
      }
      return;
    }
    if (at(t, i + 1, "dollars", "dollar", "bucks", "usd")) {
      if (amountShape(s)) {
        String cents = "";
        if (at(t, i + 2, "and") && i + 4 < t.size() && t.get(i + 3).type() == Type.NUMBER && at(t, i + 4, "cents", "cent")) {
          String c = t.get(i + 3).text();
          cents = c.length() == 1 ? ".0" + c : c.length() == 2 ? "." + c : "";
        }
        add(AMOUNT, "$" + s + cents);
      }
      return;
    }
    if (dateOrTime(t, i)) {
      return;
    }
    if (alnumCount(s) < 3) {
      return;
    }
    String kind = null;
    boolean ending = false;
    boolean hash = false;
    for (int j = i - 1; j >= Math.max(0, i - LOOK_BACK); j--) {
      String w = t.get(j).lower();
      if (ID_KINDS.containsKey(w)) {
        kind = ID_KINDS.get(w);
        break;
      }
      if (w.equals("ending") || w.equals("ends") || w.equals("last")) {
        ending = true;
      } else if (w.equals("#")) {
        hash = true;
      } else if (!FILLERS.contains(w)) {
        break;
      }
    }
    int digits = digitCount(s);
    if (kind == null) {
      kind = askedKind != null ? askedKind
          : ending ? "card"
          : hash ? "reference"
          : digits >= 10 && digits <= 12 && s.chars().allMatch(c -> Character.isDigit(c) || c == '-' || c == '+') ? PHONE
          : digits >= 4 && !year(s) ? "number" : null;
    }
    if (kind == null) {
      return;
    }
    add(ending && !kind.equals(PHONE) ? kind + " ending in" : kind, s);
  }

  private boolean dateOrTime(List<Token> t, int i) {
    String s = t.get(i).lower();
    if (s.contains(":") || at(t, i + 1, "am", "pm", "a.m", "p.m") || s.endsWith("am") && s.length() <= 4
        || s.endsWith("pm") && s.length() <= 4) {
      String v = t.get(i).text() + (at(t, i + 1, "am", "pm", "a.m", "p.m") ? " " + t.get(i + 1).text() : "");
      add(TIME, v);
      return true;
    }
    if (at(t, i + 1, UNITS) && at(t, i + 2, "ago")) {
      add(DATE, t.get(i).text() + " " + t.get(i + 1).text() + " ago");
      return true;
    }
    if (at(t, i + 1, UNITS) && (at(t, i - 1, "for") || at(t, i - 1, "within"))) {
      add(DATE, t.get(i - 1).lower() + " " + t.get(i).text() + " " + t.get(i + 1).text());
      return true;
    }
    if (ordinal(s) && at(t, i - 1, "the") && !(i >= 2 && MONTHS.containsKey(t.get(i - 2).lower()))) {
      add(DATE, "the " + s);
      return true;
    }
    if (isoDate(s) || slashDate(s)) {
      add(DATE, s);
      return true;
    }
    if (i > 0 && MONTHS.containsKey(t.get(i - 1).lower())) {
      return true; // read with its month
    }
    return false;
  }

  private void word(List<Token> t, int i, Turn.Role role, boolean greeting) {
    Token tok = t.get(i);
    String w = tok.lower();
    if (MONTHS.containsKey(w) && tok.capitalized() && i + 1 < t.size() && day(t.get(i + 1).lower())) {
      StringBuilder v = new StringBuilder(tok.text()).append(' ').append(t.get(i + 1).text());
      if (at(t, i + 2, ",") && i + 3 < t.size() && year(t.get(i + 3).text())) {
        v.append(", ").append(t.get(i + 3).text());
      } else if (i + 2 < t.size() && year(t.get(i + 2).text())) {
        v.append(", ").append(t.get(i + 2).text());
      }
      add(DATE, v.toString());
    } else if (MONTHS.containsKey(w) && w.length() > 3 && tok.capitalized() && at(t, i - 1, "since", "until")) {
      add(DATE, t.get(i - 1).lower() + " " + tok.text());
    } else if (WEEKDAYS.contains(w)) {
      add(DATE, at(t, i - 1, "last", "this", "next") ? t.get(i - 1).lower() + " " + tok.text() : tok.text());
    } else if (RELATIVE_DAYS.contains(w) && !greeting) {
      add(DATE, w);
    } else if (PERIODS.contains(w) && at(t, i - 1, "last", "this", "next")) {
      add(DATE, t.get(i - 1).lower() + " " + w);
    } else if (TEAM_WORDS.contains(w)) {
      team(t, i);
    } else if (TEAM_NAMES.contains(w) && at(t, i - 1, "to") && !at(t, i + 1, TEAM_WORDS) && at(t, i - 2, "you", "me")) {
      add(TEAM, w);
    } else if (Set.of("in", "from", "to", "at", "near").contains(w) && !greeting && !at(t, i - 1, HANDOFF_VERBS)) {
      place(t, i);
    } else if (w.contains("@") && w.indexOf('.', w.indexOf('@')) > 0) {
      add(EMAIL, tok.text());
    } else if (role != Turn.Role.AGENT && (w.equals("name") && at(t, i + 1, "is") || w.equals("name's"))) {
      name(t, w.equals("name") ? i + 2 : i + 1);
    }
  }

  private void team(List<Token> t, int i) {
    int from = i;
    while (from > 0 && i - from < 2) {
      Token m = t.get(from - 1);
      if (m.type() != Type.WORD || STOP.contains(m.lower()) || m.capitalized() && from - 1 == 0) {
        break;
      }
      from--;
    }
    if (from < i) {
      StringBuilder v = new StringBuilder();
      for (int k = from; k <= i; k++) {
        v.append(k == from ? "" : " ").append(t.get(k).lower());
      }
      add(TEAM, v.toString());
    }
  }

  private void place(List<Token> t, int i) {
    int k = i + 1;
    if (at(t, k, "the")) {
      k++;
    }
    int start = k;
    while (k < t.size() && k - start < 3 && t.get(k).capitalized() && !NOT_PLACES.contains(t.get(k).lower())
        && !MONTHS.containsKey(t.get(k).lower()) && !WEEKDAYS.contains(t.get(k).lower())) {
      k++;
    }
    if (k == start) {
      return;
    }
    if (at(t, k, PLACE_NOUNS)) {
      k++;
    }
    StringBuilder v = new StringBuilder();
    for (int j = start; j < k; j++) {
      v.append(j == start ? "" : " ").append(t.get(j).text());
    }
    add(PLACE, v.toString());
  }

  private void name(List<Token> t, int k) {
    StringBuilder v = new StringBuilder();
    for (int j = k; j < t.size() && j < k + 2 && t.get(j).capitalized(); j++) {
      v.append(v.isEmpty() ? "" : " ").append(t.get(j).text());
    }
    if (!v.isEmpty()) {
      add(NAME, v.toString());
    }
  }

  static boolean at(List<Token> t, int i, String... words) {
    if (i < 0 || i >= t.size()) {
      return false;
    }
    for (String w : words) {
      if (t.get(i).is(w)) {
        return true;
      }
    }
    return false;
  }

  static boolean at(List<Token> t, int i, Set<String> words) {
    return i >= 0 && i < t.size() && words.contains(t.get(i).lower());
  }

  /** "99", "1,240", "99.99", "1,240.50": digits, thousands commas, up to two decimals. */
  static boolean amountShape(String s) {
    int dot = s.indexOf('.');
    String whole = dot < 0 ? s : s.substring(0, dot);
    String cents = dot < 0 ? "" : s.substring(dot + 1);
    if (whole.isEmpty() || cents.length() > 2 || !cents.chars().allMatch(Character::isDigit)) {
      return false;
    }
    String[] groups = whole.split(",", -1);
    if (groups[0].isEmpty() || groups[0].length() > (groups.length > 1 ? 3 : 9)) {
      return false;
    }
    for (int g = 0; g < groups.length; g++) {
      if (!groups[g].chars().allMatch(Character::isDigit) || g > 0 && groups[g].length() != 3) {
        return false;
      }
    }
    return true;
  }

  private static boolean day(String s) {
    String d = s.length() > 2 && Set.of("st", "nd", "rd", "th").contains(s.substring(s.length() - 2))
        ? s.substring(0, s.length() - 2) : s;
    return !d.isEmpty() && d.length() <= 2 && d.chars().allMatch(Character::isDigit) && Integer.parseInt(d) <= 31
        && Integer.parseInt(d) >= 1;
  }

  private static boolean ordinal(String s) {
    return s.length() >= 3 && s.length() <= 4 && (s.endsWith("st") || s.endsWith("nd") || s.endsWith("rd")
        || s.endsWith("th")) && day(s);
  }

  private static boolean year(String s) {
    return s.length() == 4 && s.chars().allMatch(Character::isDigit) && (s.startsWith("19") || s.startsWith("20"));
  }

  private static boolean isoDate(String s) {
    return s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-' && digitCount(s) == 8;
  }

  private static boolean slashDate(String s) {
    String[] p = s.split("/", -1);
    if (p.length < 2 || p.length > 3) {
      return false;
    }
    for (String part : p) {
      if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(Character::isDigit)) {
        return false;
      }
    }
    return p[0].length() <= 2 && p[1].length() <= 2;
  }

  static int digitCount(String s) {
    return (int) s.chars().filter(Character::isDigit).count();
  }

  private static int alnumCount(String s) {
    return (int) s.chars().filter(Character::isLetterOrDigit).count();
  }

  /** Facts as the old shape's lists: kinds that name the customer. */
  static List<String> customerIds(List<Fact> facts) {
    List<String> out = new ArrayList<>();
    for (Fact f : facts) {
      if (Set.of(NAME, EMAIL, PHONE, "customer", "member", "patient").contains(f.kind())) {
        out.add(f.value());
      }
    }
    return out;
  }
}
