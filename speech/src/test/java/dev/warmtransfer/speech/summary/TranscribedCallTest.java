package dev.warmtransfer.speech.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.speech.summary.Briefing.Fact;
import org.junit.jupiter.api.Test;

/** Calls as speech recognition writes them (lower case, no punctuation, numbers in words), and other shapes. */
class TranscribedCallTest {
  private final LocalSummarizer summarizer = new LocalSummarizer();

  @Test
  void lowerCaseUnpunctuatedTranscriptKeepsItsFacts() {
    Briefing b = summarizer.summarize("""
        caller-77: my card ending in zero zero nine three was charged twice for ninety nine dollars
        agent-bob: i can see that i have reversed the second charge
        caller-77: i want a receipt by email
        """, "");
    assertThat(b.facts()).contains(new Fact("card ending in", "0093"), new Fact("amount", "$99"));
    assertThat(b.spoken())
        .startsWith("The caller says their card ending in 0 0 9 3 was charged twice for 99 dollars.")
        .contains("Agent A has reversed the second charge.")
        .contains("They want a receipt by email.")
        .doesNotContain("caller-77").doesNotContain("agent-bob");
  }

  @Test
  void theLastFourDigitsAskedForAreTheCardsEnd() {
    Briefing b = summarizer.summarize("""
        Dana Lee: Good morning, you've reached Contoso Bank, this is Dana.
        Omar Haddad: Hi Dana. I'm travelling in Lisbon and my card was blocked at a hotel.
        Dana Lee: I can unblock it. What are the last four digits?
        Omar Haddad: 4417.
        Dana Lee: Done, I've unblocked the card and added a travel note until May 30.
        Omar Haddad: Please also raise my daily limit to 2,000 dollars.
        """, "");
    assertThat(b.facts()).contains(new Fact("card ending in", "4417"), new Fact("place", "Lisbon"),
        new Fact("date", "May 30"), new Fact("amount", "$2,000"), new Fact("name", "Omar Haddad"));
    assertThat(b.reason()).isEqualTo("I'm travelling in Lisbon and my card was blocked at a hotel.");
    assertThat(b.spoken()).startsWith("The caller, Omar Haddad, says they're travelling in Lisbon")
        .contains("4 4 1 7").contains("Agent A has unblocked the card")
        .contains("They ask you to also raise their daily limit to 2000 dollars.")
        .doesNotContain("Contoso").doesNotContain("Dana Lee");
    assertThat(b.nextStep()).isEqualTo("Act on what the caller asked: they ask you to also raise their daily limit to 2,000 dollars");
  }

  @Test
  void callingBecauseIsNotSpoken() {
    Briefing b = summarizer.summarize("""
        Caller: Hi, I'm calling because my mortgage payment of 1,845 dollars bounced.
        Agent: Can I get your loan number?
        Caller: Sure, loan number 88-401-277.
        """, "");
    assertThat(b.spoken()).startsWith("The caller says their mortgage payment of 1845 dollars bounced.")
        .contains("Loan 8 8 4 0 1 2 7 7.");
    assertThat(b.facts()).contains(new Fact("loan", "88-401-277"), new Fact("amount", "$1,845"));
  }
}
