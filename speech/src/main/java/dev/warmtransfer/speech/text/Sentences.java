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
    String t = text.trim();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  /** Whole sentences up to {@code maxWords}; a single over-long sentence is cut at a word. */
  public static String limitWords(String text, int maxWords) {
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (String s : split(text)) {
      int n = words(s);
      if (used + n > maxWords) {
        if (used == 0) {
          String[] w = s.trim().split("\\s+");
          return String.join(" ", java.util.Arrays.copyOf(w, maxWords)).replaceAll("[,;:]$", "") + ".";
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
