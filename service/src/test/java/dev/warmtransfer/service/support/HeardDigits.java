package dev.warmtransfer.service.support;

import dev.warmtransfer.speech.audio.PcmAudio;
import dev.warmtransfer.speech.transcribe.PocketsphinxTranscriber;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a listener heard a number by ear: pocketsphinx over what they received, with a grammar
 * that says where the digits go (after a cue word, among the words the speech is known to hold),
 * so the recognizer has to tell which digits were said. One helper for every transfer test.
 */
public final class HeardDigits {
  static final List<String> NAMES =
      List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

  private HeardDigits() {}

  /** "5369" as the words a voice says for it. */
  public static List<String> words(String digits) {
    List<String> w = new ArrayList<>();
    digits.chars().forEach(c -> w.add(NAMES.get(c - '0')));
    return w;
  }

  /**
   * A JSGF grammar: any of the words of {@code fillers}, then {@code cue} and
   * exactly {@code count} digits, then fillers again.
   */
  public static String grammar(String cue, int count, Collection<String> fillers) {
    Set<String> f = new LinkedHashSet<>();
    for (String filler : fillers) {
      for (String w : filler.toLowerCase(Locale.ROOT).split("[^a-z']+")) {
        if (!w.isEmpty() && !w.equals(cue) && !w.startsWith("'")) {
          f.add(w);
        }
      }
    }
    return "#JSGF V1.0;\ngrammar heard;\n<digit> = " + String.join(" | ", NAMES) + ";\n"
        + "<filler> = " + String.join(" | ", f) + ";\n"
        + "public <heard> = <filler>* " + cue + " <digit>".repeat(count) + " <filler>*;\n";
  }

  /** What pocketsphinx heard in 48 kHz audio with that grammar. */
  public static String hear(short[] audio48k, String grammar) {
    return new PocketsphinxTranscriber().transcribe(new PcmAudio(audio48k, 48_000), grammar).text();
  }

  /** How many of {@code digits} appear in {@code words} after {@code cue}, in their order (a longest common subsequence). */
  public static int inOrderAfter(String words, String cue, List<String> digits) {
    int at = words.indexOf(cue);
    if (at < 0) {
      return 0;
    }
    String[] w = words.substring(at).split(" ");
    int[][] best = new int[w.length + 1][digits.size() + 1];
    for (int i = 1; i <= w.length; i++) {
      for (int j = 1; j <= digits.size(); j++) {
        best[i][j] = w[i - 1].equals(digits.get(j - 1)) ? best[i - 1][j - 1] + 1 : Math.max(best[i - 1][j], best[i][j - 1]);
      }
    }
    return best[w.length][digits.size()];
  }
}
