package dev.warmtransfer.speech.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into words, numbers and single symbols in one pass. Hand-written rather than a
 * regular expression so that no input (100,000 digits, "a@a.a.a...") can make it backtrack.
 * A word keeps inner joiners when a letter or digit follows them: "CL-20931", "dana@example.com",
 * "1,240.50", "don't", "3:30" and "10/12" are one token each.
 */
public final class Tokens {
  public enum Type { WORD, NUMBER, SYMBOL }

  /** A token; {@code NUMBER} is any word holding a digit. */
  public record Token(String text, Type type) {
    public String lower() {
      return text.toLowerCase(Locale.ROOT);
    }

    public boolean is(String word) {
      return text.equalsIgnoreCase(word);
    }

    public boolean capitalized() {
      return type == Type.WORD && Character.isUpperCase(text.charAt(0));
    }
  }

  private Tokens() {}

  public static List<Token> of(String text) {
    List<Token> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetterOrDigit(c)) {
        int start = i;
        boolean digit = false;
        while (i < n) {
          char d = text.charAt(i);
          if (Character.isLetterOrDigit(d)) {
            digit |= Character.isDigit(d);
            i++;
          } else if (i + 1 < n && joins(d, text.charAt(i - 1), text.charAt(i + 1))) {
            i++;
          } else {
            break;
          }
        }
        out.add(new Token(text.substring(start, i), digit ? Type.NUMBER : Type.WORD));
      } else {
        out.add(new Token(String.valueOf(c), Type.SYMBOL));
        i++;
      }
    }
    return out;
  }

  private static boolean joins(char c, char before, char after) {
    if (!Character.isLetterOrDigit(after)) {
      return false;
    }
    return switch (c) {
      case '-', '.', '@', '_', '+', '/', '\'', '\u2019' -> true;
      case ',', ':' -> Character.isDigit(before) && Character.isDigit(after);
      default -> false;
    };
  }

  /** The digits and letters of a token read one by one: "CL-20931" is "C L 2 0 9 3 1". */
  public static String spelled(String id) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        b.append(b.isEmpty() ? "" : " ").append(Character.toUpperCase(c));
      }
    }
    return b.toString();
  }
}
