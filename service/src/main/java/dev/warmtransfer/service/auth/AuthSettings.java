package dev.warmtransfer.service.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/** The {@code auth:} block of config.yml. */
public class AuthSettings {
  /** The dev API key (WT_API_KEY), full rights; empty for none. */
  private String apiKey = "";

  /** Dev mode only: the password of the demo agents created when there are none (WT_DEMO_PASSWORD). */
  private String demoPassword = "";

  @NotNull private Duration sessionTtl = Duration.hours(12);

  @NotNull private Duration callLinkTtl = Duration.hours(24);

  @JsonProperty
  public String getApiKey() {
    return apiKey;
  }

  @JsonProperty
  public void setApiKey(String apiKey) {
    this.apiKey = apiKey == null ? "" : apiKey.trim();
  }

  @JsonProperty
  public String getDemoPassword() {
    return demoPassword;
  }

  @JsonProperty
  public void setDemoPassword(String demoPassword) {
    this.demoPassword = demoPassword == null ? "" : demoPassword;
  }

  @JsonProperty
  public Duration getSessionTtl() {
    return sessionTtl;
  }

  @JsonProperty
  public void setSessionTtl(Duration sessionTtl) {
    this.sessionTtl = sessionTtl;
  }

  @JsonProperty
  public Duration getCallLinkTtl() {
    return callLinkTtl;
  }

  @JsonProperty
  public void setCallLinkTtl(Duration callLinkTtl) {
    this.callLinkTtl = callLinkTtl;
  }
}
