package dev.warmtransfer.speech.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.speech.Provider;
import org.junit.jupiter.api.Test;

class LocalSummarizerTest {
  static final String SEED =
      "Customer called about billing issue. Account number 12345. Charge of $99.99 appears incorrect. "
          + "Customer has been loyal for 3 years. Needs immediate resolution.";
  private final LocalSummarizer summarizer = new LocalSummarizer();

  @Test
  void seedExampleNamesAccountAndAmount() {
    Briefing b = summarizer.summarize(SEED, "");
    assertThat(b.provider()).isEqualTo(Provider.LOCAL);
    assertThat(b.summary()).contains("12345").contains("$99.99");
    assertThat(b.accountNumbers()).containsExactly("12345");
    assertThat(b.amounts()).containsExactly("$99.99");
    assertThat(b.reason()).containsIgnoringCase("billing");
    assertThat(b.sentiment()).contains("urgent");
    assertThat(b.dates()).contains("for 3 years");
    assertThat(b.nextStep()).contains("$99.99").contains("12345");
    assertThat(b.spokenWords()).isBetween(5, Briefing.MAX_SPOKEN_WORDS);
  }

  @Test
  void transcriptAndNotesTogetherGiveTheFacts() {
    String transcript =
        """
        caller-123: Hi, my name is Dana Smith. My internet has been down since Monday.
        agent-alice: I'm sorry. Have you tried restarting the router?
        caller-123: Yes, I already restarted it twice. This is unacceptable.
        agent-alice: I'll transfer you to our network team, they will schedule a technician.
        """;
    Briefing b = summarizer.summarize(transcript, "Account #778812. Customer email dana@example.com.");
    assertThat(b.reason()).contains("internet has been down");
    assertThat(b.accountNumbers()).containsExactly("778812");
    assertThat(b.customerIds()).contains("Dana Smith", "dana@example.com");
    assertThat(b.dates()).anyMatch(d -> d.toLowerCase().contains("monday"));
    assertThat(b.tried()).anyMatch(t -> t.contains("restarted"));
    assertThat(b.promised()).anyMatch(p -> p.contains("I'll transfer you"));
    assertThat(b.sentiment()).contains("frustrated");
    assertThat(b.spoken()).contains("7 7 8 8 1 2");
  }

  @Test
  void spokenTextNeverExceedsSixtyWords() {
    String rambling = "The customer has a problem with " + "many many things ".repeat(80) + ". " + SEED;
    Briefing b = summarizer.summarize(rambling, "Account 42424242. " + "x ".repeat(500));
    assertThat(b.spokenWords()).isLessThanOrEqualTo(Briefing.MAX_SPOKEN_WORDS);
  }

  @Test
  void isDeterministic() {
    assertThat(summarizer.summarize(SEED, "notes")).isEqualTo(summarizer.summarize(SEED, "notes"));
  }
}
