package dev.warmtransfer.speech.transcribe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The shipped call-centre vocabulary, one word or phrase a line: the hints the call assistant
 * gives the local recognizer. Kept beside the recognizer so its own tests hear calls through
 * exactly the words the assistant uses.
 */
public final class CallVocabulary {
  private static final List<String> WORDS = load();

  private CallVocabulary() {}

  public static List<String> words() {
    return WORDS;
  }

  private static List<String> load() {
    try (InputStream in = CallVocabulary.class.getResourceAsStream("vocabulary.txt")) {
      if (in == null) {
        throw new IllegalStateException("vocabulary.txt missing from the speech module's resources");
      }
      return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
          .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
