package dev.warmtransfer.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warmtransfer.service.auth.AuthSettings;
import dev.warmtransfer.service.briefing.SpeechSettings;
import dev.warmtransfer.service.limits.LimitsConfig;
import dev.warmtransfer.service.db.DatabaseConfig;
import dev.warmtransfer.service.transfer.BotSettings;
import dev.warmtransfer.service.transfer.TransferSettings;
import dev.warmtransfer.service.livekit.LiveKitConfig;
import io.dropwizard.core.Configuration;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public class WarmTransferConfiguration extends Configuration {
  @Valid @NotNull private LiveKitConfig livekit = new LiveKitConfig();

  @Valid @NotNull private SpeechSettings speech = new SpeechSettings();

  @Valid @NotNull private LimitsConfig limits = new LimitsConfig();
  @Valid @NotNull private DatabaseConfig database = new DatabaseConfig();

  @Valid @NotNull private TransferSettings transfers = new TransferSettings();

  @Valid @NotNull private BotSettings bots = new BotSettings();

  /** How long a participant token stays valid. */
  @NotNull private Duration tokenTtl = Duration.hours(2);

  // Who may do what (branch auth): dev mode opens the demo join form and allows published secrets.
  private boolean devMode;

  @Valid @NotNull private AuthSettings auth = new AuthSettings();

  @JsonProperty
  public boolean isDevMode() {
    return devMode;
  }

  @JsonProperty
  public void setDevMode(boolean devMode) {
    this.devMode = devMode;
  }

  @JsonProperty
  public AuthSettings getAuth() {
    return auth;
  }

  @JsonProperty
  public void setAuth(AuthSettings auth) {
    this.auth = auth;
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
  public LimitsConfig getLimits() {
    return limits;
  }

  @JsonProperty
  public void setLimits(LimitsConfig limits) {
    this.limits = limits;
  }

  @JsonProperty
  public Duration getTokenTtl() {
    return tokenTtl;
  }

  @JsonProperty
  public void setTokenTtl(Duration tokenTtl) {
    this.tokenTtl = tokenTtl;
  }

  @JsonProperty
  public DatabaseConfig getDatabase() {
    return database;
  }

  @JsonProperty
  public void setDatabase(DatabaseConfig database) {
    this.database = database;
  }

  @JsonProperty
  public TransferSettings getTransfers() {
    return transfers;
  }

  @JsonProperty
  public void setTransfers(TransferSettings transfers) {
    this.transfers = transfers;
  }

  @JsonProperty
  public BotSettings getBots() {
    return bots;
  }

  @JsonProperty
  public void setBots(BotSettings bots) {
    this.bots = bots;
  }
}
