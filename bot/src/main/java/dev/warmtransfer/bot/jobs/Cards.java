package dev.warmtransfer.bot.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.Fact;
import dev.warmtransfer.speech.summary.Briefing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** A summarizer's {@link Briefing} as the card both sides exchange, and the card as the {@code wt.briefing} JSON. */
public final class Cards {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Cards() {}

  public static BriefingCard from(Briefing b, String notes, long madeAtMs) {
    Objects.requireNonNull(b, "briefing");
    BriefingCard.Builder card = BriefingCard.newBuilder()
        .setSummary(b.summary())
        .setSpoken(b.spoken())
        .setReason(b.reason())
        .setSentiment(b.sentiment())
        .setNextStep(b.nextStep())
        .setProvider(b.provider().wireName())
        .setNotes(notes == null ? "" : notes)
        .setMadeAtMs(madeAtMs);
    facts(card, "customer", b.customerIds());
    facts(card, "account", b.accountNumbers());
    facts(card, "amount", b.amounts());
    facts(card, "date", b.dates());
    facts(card, "tried", b.tried());
    facts(card, "decided", b.promised());
    return card.build();
  }

  private static void facts(BriefingCard.Builder card, String kind, List<String> values) {
    values.forEach(v -> card.addFacts(Fact.newBuilder().setKind(kind).setValue(v)));
  }

  /** {@code {"transferId","summary","spoken","reason","facts":[{"kind","value"}],"sentiment","nextStep","provider","notes"}}. */
  public static byte[] json(String transferId, BriefingCard card) {
    ObjectNode o = JSON.createObjectNode();
    o.put("transferId", transferId);
    o.put("summary", card.getSummary());
    o.put("spoken", card.getSpoken());
    o.put("reason", card.getReason());
    ArrayNode facts = o.putArray("facts");
    card.getFactsList().forEach(f -> facts.addObject().put("kind", f.getKind()).put("value", f.getValue()));
    o.put("sentiment", card.getSentiment());
    o.put("nextStep", card.getNextStep());
    o.put("provider", card.getProvider());
    o.put("notes", card.getNotes());
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }
}
