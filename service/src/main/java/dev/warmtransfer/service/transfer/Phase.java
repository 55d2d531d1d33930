package dev.warmtransfer.service.transfer;

import java.util.Locale;

/** The phases of a transfer (design: transfer-flow.md); the API shows their lower-case names. */
public enum Phase {
  REQUESTED,
  CALLER_ON_HOLD,
  AGENT_B_JOINED,
  BRIEFED,
  ACCEPTED,
  COMPLETED,
  DECLINED,
  TIMED_OUT,
  CANCELED,
  CALLER_LEFT,
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Phase fromWire(String name) {
    for (Phase p : values()) {
      if (p.wireName().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown phase: " + name);
  }

  /** Nothing moves a transfer out of a final phase. */
  public boolean isFinal() {
    return ordinal() >= COMPLETED.ordinal();
  }

  /** Before Agent B's answer: B may still join, hear the briefing, accept or decline. */
  public boolean beforeDecision() {
    return ordinal() <= BRIEFED.ordinal();
  }
}
