package dev.warmtransfer.speech.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {
  @Test
  void splitsAtSentenceEndsButNotInsideAmounts() {
    assertThat(Sentences.split("Charge of $99.99 is wrong. Please help! Why? ok"))
        .containsExactly("Charge of $99.99 is wrong.", "Please help!", "Why?", "ok");
  }

  @Test
  void limitKeepsWholeSentencesWithinTheWordBudget() {
    String text = "One two three. Four five six. Seven eight nine ten.";
    assertThat(Sentences.limitWords(text, 7)).isEqualTo("One two three. Four five six.");
    assertThat(Sentences.words(Sentences.limitWords("a b c d e f g h", 4))).isEqualTo(4);
  }
}
