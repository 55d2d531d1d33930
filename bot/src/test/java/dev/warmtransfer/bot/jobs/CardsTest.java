package dev.warmtransfer.bot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.speech.summary.LocalSummarizer;
import org.junit.jupiter.api.Test;

class CardsTest {
  @Test
  void theCardBecomesTheBriefingJson() throws Exception {
    var b = new LocalSummarizer().summarize(
        "Caller: I was charged $99.99 twice on account 12345.\nAgent: I will refund the second charge.", "VIP");
    BriefingCard card = dev.warmtransfer.speech.summary.BriefingCards.of(b, "VIP", 42);
    assertThat(card.getFactsList()).anySatisfy(f -> {
      assertThat(f.getKind()).isEqualTo("account");
      assertThat(f.getValue()).contains("12345");
    });
    assertThat(card.getProvider()).isEqualTo("local");
    assertThat(card.getMadeAtMs()).isEqualTo(42);

    JsonNode json = new ObjectMapper().readTree(Cards.json("T-1", card));
    assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("transferId", "summary", "spoken", "reason",
        "facts", "sentiment", "nextStep", "provider", "notes");
    assertThat(json.get("transferId").asText()).isEqualTo("T-1");
    assertThat(json.get("notes").asText()).isEqualTo("VIP");
    assertThat(json.get("facts").get(0).has("kind")).isTrue();
    assertThat(json.get("spoken").asText()).isEqualTo(card.getSpoken());
  }
}
