package dev.warmtransfer.speech.text;

import java.util.ArrayList;
import java.util.List;

/** Splits text at sentence ends, so the first sentence can be spoken while the rest is still being made. */
public final class Sentences {
  private Sentences() {}

  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      current.append(c);
      if (isEnd(text, i)) {
        add(out, current);
      }
    }
    add(out, current);
    return out;
  }

  /** A '.', '!' or '?' followed by white space or the end, and not inside a number like 99.99. */
  public static boolean isEnd(String text, int i) {
    char c = text.charAt(i);
    if (c != '.' && c != '!' && c != '?') {
      return false;
    }
    return i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1));
  }

  public static int words(String text) {
    return wordList(text).size();
  }

  /** The words of a text, split at white space by hand (linear on any input). */
  public static List<String> wordList(String text) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean space = i == text.length() || Character.isWhitespace(text.charAt(i));
      if (space && start >= 0) {
        out.add(text.substring(start, i));
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
    }
    return out;
  }

  /** Whole sentences up to {@code maxWords}; a single over-long sentence is cut at a word. */
  public static String limitWords(String text, int maxWords) {
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (String s : split(text)) {
      int n = words(s);
      if (used + n > maxWords) {
        if (used == 0) {
          String cut = String.join(" ", wordList(s).subList(0, maxWords));
          while (!cut.isEmpty() && ",;:".indexOf(cut.charAt(cut.length() - 1)) >= 0) {
            cut = cut.substring(0, cut.length() - 1);
          }
          return cut + ".";
        }
        break;
      }
      out.append(out.length() == 0 ? "" : " ").append(s);
      used += n;
    }
    return out.toString();
  }

  private static void add(List<String> out, StringBuilder current) {
    String s = current.toString().trim();
    if (!s.isEmpty()) {
      out.add(s);
    }
    current.setLength(0);
  }
}
