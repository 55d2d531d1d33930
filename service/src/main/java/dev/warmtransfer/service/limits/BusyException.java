package dev.warmtransfer.service.limits;

/** The service is at a limit it chose (a full pool, a rate): answered 503 or 429 with Retry-After. */
public final class BusyException extends RuntimeException {
  private final int status;
  private final long retryAfterSeconds;

  public BusyException(int status, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    if (status != 429 && status != 503) {
      throw new IllegalArgumentException("status must be 429 or 503: " + status);
    }
    if (retryAfterSeconds < 1) {
      throw new IllegalArgumentException("retryAfterSeconds < 1: " + retryAfterSeconds);
    }
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
