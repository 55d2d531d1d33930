package dev.warmtransfer.service.transfer;

import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.Fact;
import dev.warmtransfer.speech.summary.Briefing;
import java.util.List;

/** Between the summarizer's {@link Briefing} and the wire's {@link BriefingCard}. */
public final class Briefings {
  private Briefings() {}

  public static BriefingCard card(Briefing b, String notes, long madeAtMs) {
    BriefingCard.Builder c = BriefingCard.newBuilder()
        .setSummary(b.summary())
        .setSpoken(b.spoken())
        .setReason(b.reason())
        .setSentiment(b.sentiment())
        .setNextStep(b.nextStep())
        .setProvider(b.provider().wireName())
        .setNotes(notes == null ? "" : notes)
        .setMadeAtMs(madeAtMs);
    add(c, "customer", b.customerIds());
    add(c, "account", b.accountNumbers());
    add(c, "amount", b.amounts());
    add(c, "date", b.dates());
    add(c, "tried", b.tried());
    add(c, "promised", b.promised());
    return c.build();
  }

  /** The call assistant's running briefing, with Agent A's notes added for B. */
  public static BriefingCard withNotes(BriefingCard running, String notes) {
    if (notes == null || notes.isBlank()) {
      return running;
    }
    String spoken = running.getSpoken();
    return running.toBuilder()
        .setNotes(notes)
        .setSummary(running.getSummary() + (running.getSummary().isEmpty() ? "" : " ") + "Agent notes: " + notes)
        .setSpoken(spoken)
        .build();
  }

  private static void add(BriefingCard.Builder c, String kind, List<String> values) {
    for (String v : values) {
      c.addFacts(Fact.newBuilder().setKind(kind).setValue(v));
    }
  }
}
