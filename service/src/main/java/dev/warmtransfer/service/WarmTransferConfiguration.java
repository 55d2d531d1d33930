package dev.warmtransfer.service;

import com.fasterxml.jackson.annotation.JsonProperty;
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

  // Dev mode offers the seed's demo join form (the same setting branch auth uses).
  private boolean devMode;

  @JsonProperty
  public boolean isDevMode() {
    return devMode;
  }

  @JsonProperty
  public void setDevMode(boolean devMode) {
    this.devMode = devMode;
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
