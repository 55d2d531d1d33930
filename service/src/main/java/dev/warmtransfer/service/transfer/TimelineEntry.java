package dev.warmtransfer.service.transfer;

import java.time.Instant;
import java.util.Objects;

/** One row of a transfer's timeline: the phase it entered (or stayed in), when, who, why. */
public record TimelineEntry(Phase state, Instant at, String by, String reason) {
  public TimelineEntry {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(by, "by");
    reason = reason == null ? "" : reason;
  }
}
