package dev.warmtransfer.bot.worker;

import java.util.Objects;

/** How a job ended: {@code failed} marks it JS_FAILED at LiveKit, otherwise JS_SUCCESS. */
public record JobOutcome(boolean failed, String reason) {
  public JobOutcome {
    Objects.requireNonNull(reason, "reason");
  }

  public static JobOutcome success(String reason) {
    return new JobOutcome(false, reason);
  }

  public static JobOutcome failure(String reason) {
    return new JobOutcome(true, reason);
  }
}
