package dev.warmtransfer.speech.summary;

import dev.warmtransfer.proto.BriefingCard;
import dev.warmtransfer.proto.Fact;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A summarizer's {@link Briefing} as the {@link BriefingCard} the service and the bots exchange.
 * One conversion for both sides, so Agent B sees the same facts whoever made the card.
 */
public final class BriefingCards {
  private BriefingCards() {}

  /**
   * Every fact with its kind: the summarizer's own {@code facts} when it gave them (the local
   * summarizer names claims, prescriptions, cards ending in ...), else the seed-era lists; what
   * the caller wants and what was decided come along either way.
   */
  public static BriefingCard of(Briefing b, String notes, long madeAtMs) {
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
    Set<String> seen = new LinkedHashSet<>();
    if (b.facts().isEmpty()) {
      add(card, seen, "customer", b.customerIds());
      add(card, seen, "account", b.accountNumbers());
      add(card, seen, "amount", b.amounts());
      add(card, seen, "date", b.dates());
      add(card, seen, "tried", b.tried());
      add(card, seen, "promised", b.promised());
    } else {
      b.facts().forEach(f -> add(card, seen, f.kind(), List.of(f.value())));
    }
    add(card, seen, "wants", b.wants());
    add(card, seen, "decided", b.decided());
    return card.build();
  }

  private static void add(BriefingCard.Builder card, Set<String> seen, String kind, List<String> values) {
    for (String v : values) {
      if (seen.add(kind + "\u0000" + v)) {
        card.addFacts(Fact.newBuilder().setKind(kind).setValue(v));
      }
    }
  }
}
