package dev.warmtransfer.bot.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warmtransfer.proto.BriefingCard;
import java.nio.charset.StandardCharsets;

/** The briefing card as the {@code wt.briefing} JSON browsers read (BriefingCards makes the card). */
public final class Cards {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Cards() {}

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
