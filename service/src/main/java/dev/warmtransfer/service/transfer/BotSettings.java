package dev.warmtransfer.service.transfer;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Config {@code bots}: the shared secret the bot workers report with (WT_BOT_TOKEN). */
public class BotSettings {
  private String token = "";

  // Write-only: a secret is never serialized back out.
  @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
  public String getToken() {
    return token;
  }

  @JsonProperty
  public void setToken(String token) {
    this.token = token == null ? "" : token;
  }
}
