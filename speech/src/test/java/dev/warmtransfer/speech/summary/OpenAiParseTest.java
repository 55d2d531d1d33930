package dev.warmtransfer.speech.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warmtransfer.speech.SpeechException;
import org.junit.jupiter.api.Test;

/** The model's new keys: read when present and well formed, refused when malformed, empty when absent. */
class OpenAiParseTest {
  private static final String BASE =
      "{\"spoken\": \"Claim C L 2 0 9 3 1.\", \"summary\": \"s\", \"reason\": \"r\", \"customerIds\": [],"
          + " \"accountNumbers\": [], \"amounts\": [], \"dates\": [], \"tried\": [], \"promised\": [],"
          + " \"sentiment\": \"calm\", \"nextStep\": \"n\"";

  @Test
  void factsWantsAndDecidedAreRead() {
    Briefing b = OpenAiSummarizer.parse(BASE + ", \"facts\": [{\"kind\": \"claim\", \"value\": \"CL-20931\"},"
        + " {\"kind\": \"amount\", \"value\": 99.5}], \"wants\": [\"no more offers\"], \"decided\": [\"froze the card\"]}");
    assertThat(b.facts()).containsExactly(new Briefing.Fact("claim", "CL-20931"), new Briefing.Fact("amount", "99.5"));
    assertThat(b.wants()).containsExactly("no more offers");
    assertThat(b.decided()).containsExactly("froze the card");
  }

  @Test
  void anAnswerWithoutTheNewKeysStillParses() {
    Briefing b = OpenAiSummarizer.parse(BASE + "}");
    assertThat(b.facts()).isEmpty();
    assertThat(b.wants()).isEmpty();
    assertThat(b.spoken()).isEqualTo("Claim C L 2 0 9 3 1.");
  }

  @Test
  void malformedFactsMakeTheAnswerUnusable() {
    assertThatThrownBy(() -> OpenAiSummarizer.parse(BASE + ", \"facts\": [\"CL-20931\"]}"))
        .isInstanceOf(SpeechException.class).hasMessageContaining("facts");
    assertThatThrownBy(() -> OpenAiSummarizer.parse(BASE + ", \"facts\": [{\"kind\": \"\", \"value\": \"1\"}]}"))
        .isInstanceOf(SpeechException.class).hasMessageContaining("facts");
    assertThatThrownBy(() -> OpenAiSummarizer.parse(BASE + ", \"wants\": \"refund\"}"))
        .isInstanceOf(SpeechException.class).hasMessageContaining("wants");
  }
}
