package dev.warmtransfer.speech.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.Fact;
import dev.warmtransfer.speech.Provider;
import java.util.List;
import org.junit.jupiter.api.Test;

class BriefingCardsTest {
  @Test
  void theLocalSummarizersKindsReachTheCard() {
    Briefing b = new LocalSummarizer().summarize(
        "Agent: Fabrikam Insurance, Tom speaking.\n"
            + "Caller: My claim CL-20931 for the hail damage was denied and I was charged $250.\n"
            + "Agent: I've reopened the claim.", "VIP caller");
    BriefingCard card = BriefingCards.of(b, "VIP caller", 42);
    assertThat(card.getFactsList()).extracting(Fact::getValue).anySatisfy(v -> assertThat(v).contains("CL-20931"));
    assertThat(card.getFactsList()).extracting(Fact::getValue).anySatisfy(v -> assertThat(v).contains("250"));
    assertThat(card.getFactsList()).allSatisfy(f -> assertThat(f.getKind()).isNotBlank());
    assertThat(card.getNotes()).isEqualTo("VIP caller");
    assertThat(card.getProvider()).isEqualTo("local");
    assertThat(card.getMadeAtMs()).isEqualTo(42);
    assertThat(card.getSpoken()).isEqualTo(b.spoken());
  }

  @Test
  void aBriefingWithoutKindsKeepsTheSeedListsOnce() {
    Briefing b = new Briefing("s", "r", List.of(), List.of("12345", "12345"), List.of("$99.99"), List.of(),
        List.of(), List.of("refund"), "neutral", "n", "spoken", Provider.OPENAI);
    BriefingCard card = BriefingCards.of(b, null, 1);
    assertThat(card.getFactsList()).extracting(f -> f.getKind() + "=" + f.getValue())
        .containsExactly("account=12345", "amount=$99.99", "promised=refund");
    assertThat(card.getNotes()).isEmpty();
  }
}
