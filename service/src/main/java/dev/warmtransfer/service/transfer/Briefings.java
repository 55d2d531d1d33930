package dev.warmtransfer.service.transfer;

import dev.warmtransfer.proto.BriefingCard;

/** The briefing card as the transfer hands it on (BriefingCards makes it from a summary). */
public final class Briefings {
  private Briefings() {}

  /** The call assistant's running briefing, with Agent A's notes added for B. */
  public static BriefingCard withNotes(BriefingCard running, String notes) {
    if (notes == null || notes.isBlank()) {
      return running;
    }
    return running.toBuilder()
        .setNotes(notes)
        .setSummary(running.getSummary() + (running.getSummary().isEmpty() ? "" : " ") + "Agent notes: " + notes)
        .build();
  }
}
