package dev.warmtransfer.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warmtransfer.service.web.WebSettings;
import dev.warmtransfer.service.briefing.SpeechSettings;
import dev.warmtransfer.service.livekit.LiveKitConfig;
import io.dropwizard.core.Configuration;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public class WarmTransferConfiguration extends Configuration {
  @Valid @NotNull private LiveKitConfig livekit = new LiveKitConfig();

  @Valid @NotNull private SpeechSettings speech = new SpeechSettings();

  /** How long a participant token stays valid. */
  @NotNull private Duration tokenTtl = Duration.hours(2);

  /** The browser app's settings (package web). */
  @NotNull private WebSettings web = new WebSettings(false);

  @JsonProperty
  public WebSettings getWeb() {
    return web;
  }

  @JsonProperty
  public void setWeb(WebSettings web) {
    this.web = web;
  }

  @JsonProperty
  public LiveKitConfig getLivekit() {
    return livekit;
  }

  @JsonProperty
  public void setLivekit(LiveKitConfig livekit) {
    this.livekit = livekit;
  }

  @JsonProperty
  public SpeechSettings getSpeech() {
    return speech;
  }

  @JsonProperty
  public void setSpeech(SpeechSettings speech) {
    this.speech = speech;
  }

  @JsonProperty
  public Duration getTokenTtl() {
    return tokenTtl;
  }

  @JsonProperty
  public void setTokenTtl(Duration tokenTtl) {
    this.tokenTtl = tokenTtl;
  }
}
