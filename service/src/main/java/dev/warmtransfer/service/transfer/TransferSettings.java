package dev.warmtransfer.service.transfer;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/** Config {@code transfers}: the timers of a transfer. */
public class TransferSettings {
  /** How long Agent B has to join the handoff room. */
  @NotNull private Duration agentBJoinTimeout = Duration.seconds(60);

  /** How long after B joined the briefing must have started. */
  @NotNull private Duration briefingStartTimeout = Duration.seconds(20);

  /** How long after B accepted the caller and B must be together. */
  @NotNull private Duration handoverTimeout = Duration.seconds(60);

  /** How long any transfer may stay open. */
  @NotNull private Duration maxOpen = Duration.minutes(15);

  /**
   * How long a caller whose connection dropped has to rejoin before the transfer ends as
   * caller_left (a caller who hangs up ends it at once).
   */
  @NotNull private Duration callerReturnGrace = Duration.seconds(30);

  @JsonProperty
  public Duration getCallerReturnGrace() {
    return callerReturnGrace;
  }

  @JsonProperty
  public void setCallerReturnGrace(Duration d) {
    this.callerReturnGrace = d;
  }

  @JsonProperty
  public Duration getAgentBJoinTimeout() {
    return agentBJoinTimeout;
  }

  @JsonProperty
  public void setAgentBJoinTimeout(Duration d) {
    this.agentBJoinTimeout = d;
  }

  @JsonProperty
  public Duration getBriefingStartTimeout() {
    return briefingStartTimeout;
  }

  @JsonProperty
  public void setBriefingStartTimeout(Duration d) {
    this.briefingStartTimeout = d;
  }

  @JsonProperty
  public Duration getHandoverTimeout() {
    return handoverTimeout;
  }

  @JsonProperty
  public void setHandoverTimeout(Duration d) {
    this.handoverTimeout = d;
  }

  @JsonProperty
  public Duration getMaxOpen() {
    return maxOpen;
  }

  @JsonProperty
  public void setMaxOpen(Duration d) {
    this.maxOpen = d;
  }

  public TransferTimers timers() {
    return new TransferTimers(
        java.time.Duration.ofMillis(agentBJoinTimeout.toMilliseconds()),
        java.time.Duration.ofMillis(briefingStartTimeout.toMilliseconds()),
        java.time.Duration.ofMillis(handoverTimeout.toMilliseconds()),
        java.time.Duration.ofMillis(maxOpen.toMilliseconds()),
        TransferTimers.DEFAULTS.callerLeftGrace(),
        java.time.Duration.ofMillis(callerReturnGrace.toMilliseconds()));
  }
}
