package dev.warmtransfer.speech.transcribe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a first hearing already holds an identifier, and the digits of one. */
class SpokenIdentifiersTest {
  @Test
  void aCueThenThreeDigitsIsAnIdentifierCuesAndIsMayComeBetween() {
    assertThat(SpokenIdentifiers.hasOne("my account number is four five seven three")).isTrue();
    assertThat(SpokenIdentifiers.hasOne("card ending in zero zero nine three")).isFalse(); // "in" is no cue
    assertThat(SpokenIdentifiers.hasOne("claim number four two")).as("two digits only").isFalse();
    assertThat(SpokenIdentifiers.hasOne("four five seven three for my account")).as("digits before the cue").isFalse();
  }

  @Test
  void theDigitsAreTheFirstRunOfDigitWords() {
    assertThat(SpokenIdentifiers.digitsOf("My account number is four five seven three please")).isEqualTo("4573");
    assertThat(SpokenIdentifiers.digitsOf("hello there")).isEmpty();
  }
}
