package dev.warmtransfer.service.transfer;

import java.time.Duration;
import java.util.Objects;

/**
 * The transfer's timers.
 *
 * @param agentBJoin how long Agent B has to join the handoff room
 * @param briefingStart how long after B joined the briefing must have started
 * @param handover how long after B accepted the caller and B must be together
 * @param maxOpen how long any transfer may stay open, whatever its phase
 * @param callerLeftGrace how long the briefer gets to tell B the caller left before H is deleted
 * @param callerReturnGrace how long a caller whose connection dropped has to come back before the
 *     transfer counts it as a hang-up (zero: at once)
 */
public record TransferTimers(
    Duration agentBJoin, Duration briefingStart, Duration handover, Duration maxOpen, Duration callerLeftGrace,
    Duration callerReturnGrace) {
  public static final TransferTimers DEFAULTS =
      new TransferTimers(
          Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofMinutes(15),
          Duration.ofSeconds(4), Duration.ofSeconds(30));

  public TransferTimers {
    positive(agentBJoin, "agentBJoin");
    positive(briefingStart, "briefingStart");
    positive(handover, "handover");
    positive(maxOpen, "maxOpen");
    Objects.requireNonNull(callerLeftGrace, "callerLeftGrace");
    Objects.requireNonNull(callerReturnGrace, "callerReturnGrace");
    if (callerReturnGrace.isNegative()) {
      throw new IllegalArgumentException("callerReturnGrace must not be negative");
    }
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
