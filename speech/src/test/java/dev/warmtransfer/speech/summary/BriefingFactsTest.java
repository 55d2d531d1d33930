package dev.warmtransfer.speech.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.speech.summary.TestCalls.Call;
import dev.warmtransfer.speech.summary.TestCalls.Need;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Agent B hears and reads every fact of each test call; nobody hears a speaker label. */
class BriefingFactsTest {
  private final LocalSummarizer summarizer = new LocalSummarizer();

  static Stream<Call> calls() {
    return TestCalls.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void everyFactIsInBothTextsAndNoLabelIsSpoken(Call call) {
    Briefing b = summarizer.summarize(call.transcript(), call.notes());
    SoftAssertions soft = new SoftAssertions();
    for (Need n : call.needs()) {
      soft.assertThat(TestCalls.written(b, n)).as("summary keeps %s '%s': %s", n.kind(), n.written(), b.summary()).isTrue();
      soft.assertThat(TestCalls.spoken(b, n)).as("spoken keeps %s '%s': %s", n.kind(), n.spoken(), b.spoken()).isTrue();
    }
    soft.assertThat(TestCalls.labelsSpoken(call, b)).as("labels read aloud: %s", b.spoken()).isEmpty();
    soft.assertThat(b.spokenWords()).as("spoken words: %s", b.spoken()).isBetween(5, Briefing.MAX_SPOKEN_WORDS);
    // Told about the caller, in whole sentences: no "I"/"my" read aloud as if Agent B were the caller.
    soft.assertThat(TestCalls.words(b.spoken())).as("first person in: %s", b.spoken())
        .doesNotContain(" i ", " my ", " me ", " i'm ", " i've ");
    for (String sentence : dev.warmtransfer.speech.text.Sentences.split(b.spoken())) {
      soft.assertThat(sentence).as("a whole sentence").matches("[A-Z].*[.?!]");
    }
    soft.assertAll();
  }

  @Test
  void printsTheCoverageTable() {
    String table = TestCalls.table(summarizer);
    System.out.println("\nFacts kept, local summarizer\n" + table);
    assertThat(table).contains("total");
  }
}
