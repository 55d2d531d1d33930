package dev.warmtransfer.service.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a participant may do in a room; decides the grants of its token. */
public enum Role {
  @JsonProperty("caller")
  CALLER,
  @JsonProperty("agent")
  AGENT;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
