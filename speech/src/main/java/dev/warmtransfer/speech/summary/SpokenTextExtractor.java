package dev.warmtransfer.speech.summary;

import dev.warmtransfer.speech.text.Sentences;
import java.util.function.Consumer;

/**
 * Reads the "spoken" string out of a JSON object while it is still streaming in, and hands on
 * each finished sentence at once. The model is told to write "spoken" first, so the briefing can
 * start playing after its first sentence instead of after the whole JSON.
 */
final class SpokenTextExtractor {
  private enum State { SEEKING, IN_VALUE, ESCAPE, UNICODE, DONE }

  private static final String KEY = "\"spoken\"";
  private final Consumer<String> sentences;
  private final StringBuilder seen = new StringBuilder();
  private final StringBuilder sentence = new StringBuilder();
  private final StringBuilder unicode = new StringBuilder();
  private State state = State.SEEKING;
  private int scanFrom;

  SpokenTextExtractor(Consumer<String> sentences) {
    this.sentences = sentences;
  }

  void feed(String chunk) {
    for (int i = 0; i < chunk.length(); i++) {
      char c = chunk.charAt(i);
      switch (state) {
        case SEEKING -> seek(c);
        case IN_VALUE -> {
          if (c == '\\') {
            state = State.ESCAPE;
          } else if (c == '"') {
            emit();
            state = State.DONE;
          } else {
            append(c);
          }
        }
        case ESCAPE -> {
          state = State.IN_VALUE;
          switch (c) {
            case 'n', 'r', 't' -> append(' ');
            case 'u' -> {
              unicode.setLength(0);
              state = State.UNICODE;
            }
            default -> append(c);
          }
        }
        case UNICODE -> {
          unicode.append(c);
          if (unicode.length() == 4) {
            append((char) Integer.parseInt(unicode.toString(), 16));
            state = State.IN_VALUE;
          }
        }
        case DONE -> {
          return;
        }
      }
    }
  }

  /** Hands on whatever is left (a value cut off by a broken stream is not spoken twice). */
  void finish() {
    if (state == State.IN_VALUE) {
      emit();
    }
    state = State.DONE;
  }

  private void seek(char c) {
    seen.append(c);
    int key = seen.indexOf(KEY, scanFrom);
    if (key < 0) {
      scanFrom = Math.max(0, seen.length() - KEY.length());
      return;
    }
    // After the key: optional spaces, a colon, optional spaces, then the opening quote.
    String after = seen.substring(key + KEY.length()).trim();
    if (after.startsWith(":") && after.substring(1).trim().equals("\"")) {
      state = State.IN_VALUE;
    }
  }

  private void append(char c) {
    sentence.append(c);
    // Decided on the character after the '.', so "$99.99" is not cut at its point.
    if (c == ' ' && endsSentence()) {
      emit();
    }
  }

  private boolean endsSentence() {
    int n = sentence.length();
    return n >= 2 && Sentences.isEnd(sentence.toString(), n - 2);
  }

  private void emit() {
    String s = sentence.toString().trim();
    sentence.setLength(0);
    if (!s.isEmpty()) {
      sentences.accept(s);
    }
  }
}
