package dev.warmtransfer.speech.transcribe;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Identifiers said digit by digit ("my account number is four seven one two ..."): when to look
 * for one in an utterance, and the grammar the local recognizer looks with. Within a whole
 * call-centre vocabulary pocketsphinx hears digits as short words ("one" as "want", "eight" as
 * "new"); a grammar where only a cue phrase and digits can follow leaves it nothing else to pick.
 */
final class SpokenIdentifiers {
  /** Words after which a spoken identifier comes. */
  static final Set<String> CUES = Set.of("account", "number", "card", "ending", "claim", "reference", "order");
  static final List<String> DIGITS =
      List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

  /**
   * What may come before the cue: short words a caller leads in with. Kept small on purpose: a
   * large word loop before the digits takes the digits as words again.
   */
  private static final String LEAD = "hi | hello | yes | yeah | so | okay | sure | my | the | it | it's | is | our"
      + " | your | and | i | think | that's | uh | um | please";

  /**
   * The cue phrases. "Oh" is left out of the digits: the recognizer puts it into every pause,
   * and callers who say it for zero get a zero from most phrasings ("zero", or "oh" heard as such).
   */
  static final String GRAMMAR = "#JSGF V1.0;\ngrammar identifiers;\n"
      + "<digit> = " + String.join(" | ", DIGITS) + ";\n"
      + "<lead> = " + LEAD + ";\n"
      + "<cue> = account number [is] | account | number [is] | card ending in | card number [is] | ending in"
      + " | claim number [is] | reference number [is] | order number [is];\n"
      + "<tail> = please | thanks | thank you;\n"
      + "public <identifier> = <lead>* <cue> <digit> <digit> <digit> <digit>+ [<tail>];\n";

  private SpokenIdentifiers() {}

  /**
   * Whether a first hearing of an utterance may hold an identifier: a cue word, or two digit
   * words, "oh" included (the cue itself is often misheard, "number" as "oh new our", and digits
   * as "oh").
   */
  static boolean mayHoldOne(String firstHearing) {
    int digits = 0;
    for (String w : words(firstHearing)) {
      if (CUES.contains(w)) {
        return true;
      }
      if ((DIGITS.contains(w) || w.equals("oh")) && ++digits >= 2) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a hearing from the speaker's own cepstral mean holds two digit words ("oh" not
   * counted: the recognizer hears it in pauses). The identifier grammar finds digits in anything
   * it is given, so this is what keeps "my card was declined two times" free of an account number
   * (eight ordinary call lines were heard with one digit word at most, most eight-digit numbers
   * with two to six).
   */
  static boolean heardDigits(String hearing) {
    return words(hearing).stream().filter(DIGITS::contains).count() >= 2;
  }

  /**
   * Whether a hearing holds a cue word followed by three or more digit words: then a hint phrase
   * that held them matched, and the identifier grammar (four digits or more) could only do worse.
   */
  static boolean hasOne(String hearing) {
    List<String> w = words(hearing);
    for (int i = 0; i < w.size(); i++) {
      if (CUES.contains(w.get(i))) {
        int j = i + 1;
        while (j < w.size() && (CUES.contains(w.get(j)) || w.get(j).equals("is"))) {
          j++;
        }
        int run = 0;
        while (j + run < w.size() && DIGITS.contains(w.get(j + run))) {
          run++;
        }
        if (run >= 3) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> words(String text) {
    return List.of(text.toLowerCase(Locale.ROOT).split("[^a-z']+"));
  }

  /** The digits of the identifier in a hearing by {@link #GRAMMAR}, or "" when there is none. */
  static String digitsOf(String hearing) {
    StringBuilder d = new StringBuilder();
    for (String w : words(hearing)) {
      int i = DIGITS.indexOf(w);
      if (i >= 0) {
        d.append(i);
      } else if (d.length() > 0) {
        break;
      }
    }
    return d.toString();
  }
}
