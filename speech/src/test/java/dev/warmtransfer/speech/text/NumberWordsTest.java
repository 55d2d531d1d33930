package dev.warmtransfer.speech.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberWordsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "customer account one two three four five is disputing | customer account 12345 is disputing",
        "a charge of ninety nine dollars | a charge of 99 dollars",
        "one hundred twenty dollars | 120 dollars",
        "no one called | no one called",
        "this one is fine | this one is fine",
        "call me at five five five one two one two | call me at 5551212",
        "two dollars | 2 dollars",
      })
  void spokenNumbersBecomeDigits(String spoken, String written) {
    assertThat(NumberWords.normalize(spoken)).isEqualTo(written);
  }
}
