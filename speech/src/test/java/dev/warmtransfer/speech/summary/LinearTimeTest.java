package dev.warmtransfer.speech.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The summarizer must not backtrack: 100,000 characters of each shape that hurts a regular
 * expression finish in well under a second. The bound asserted is generous (2 s on a busy
 * 2-core machine); the measured time is printed.
 */
class LinearTimeTest {
  private static final int SIZE = Summarizer.MAX_INPUT_CHARS;
  private static final long BOUND_MS = 2_000;

  static Stream<Arguments> shapes() {
    return Stream.of(
        shape("digits", i -> String.valueOf((char) ('0' + i % 10))),
        shape("e-mail-like a@a.a.a", i -> i == 0 ? "a@" : (i % 2 == 0 ? "a" : ".")),
        shape("dots", i -> "."),
        shape("spaces", i -> " "),
        shape("dollar list $1,1,1", i -> i == 0 ? "$1" : (i % 2 == 0 ? "1" : ",")),
        shape("hashes", i -> "#"),
        shape("one long word", i -> "a"),
        shape("digits and dashes", i -> i % 2 == 0 ? "1" : "-"),
        shape("number words", i -> i % 4 == 0 ? "one " : ""),
        shape("labels", i -> i % 9 == 0 ? "\nagent-a: " : ""),
        shape("mixed", i -> switch (i % 7) {
          case 0 -> "a";
          case 1 -> "@";
          case 2 -> "1";
          case 3 -> ".";
          case 4 -> "-";
          case 5 -> "$";
          default -> " ";
        }));
  }

  private static Arguments shape(String name, IntFunction<String> piece) {
    StringBuilder b = new StringBuilder(SIZE);
    for (int i = 0; b.length() < SIZE; i++) {
      b.append(piece.apply(i));
    }
    b.setLength(SIZE);
    return Arguments.of(name, b.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void hundredThousandCharactersOfANastyShapeSummarizeQuickly(String name, String text) throws Exception {
    LocalSummarizer summarizer = new LocalSummarizer();
    summarizer.summarize("warm-up", ""); // class loading is not what is measured
    long start = System.nanoTime();
    // On its own daemon thread: a backtracking pattern cannot be interrupted, and must not hang the build.
    CompletableFuture<Briefing> run = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        run.complete(summarizer.summarize(text, ""));
      } catch (Throwable e) {
        run.completeExceptionally(e);
      }
    }, "summarize-" + name);
    t.setDaemon(true);
    t.start();
    Briefing b;
    try {
      b = run.get(BOUND_MS * 5, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      System.out.printf("event=linear_time shape=\"%s\" chars=%d ms=>%d%n", name, text.length(), BOUND_MS * 5);
      throw new AssertionError(name + ": no answer after " + BOUND_MS * 5 + " ms");
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("event=linear_time shape=\"%s\" chars=%d ms=%d%n", name, text.length(), ms);
    assertThat(ms).as("%s took %d ms", name, ms).isLessThan(BOUND_MS);
    assertThat(b.spokenWords()).isLessThanOrEqualTo(Briefing.MAX_SPOKEN_WORDS);
  }
}
