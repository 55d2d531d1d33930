package dev.warmtransfer.service.transfer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the caller reaches Agent B: B joins the caller's room, or (the seed's way) the caller moves. */
public enum Mode {
  JOIN_CALLER("join-caller"),
  MOVE_CALLER("move-caller");

  private final String wireName;

  Mode(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static Mode fromWire(String name) {
    for (Mode m : values()) {
      if (m.wireName.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("mode must be join-caller or move-caller");
  }
}
