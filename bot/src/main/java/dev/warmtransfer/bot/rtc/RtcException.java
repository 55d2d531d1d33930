package dev.warmtransfer.bot.rtc;

/** A WebRTC step failed (SDP, ICE). {@link #retryable()}: a new session may succeed where this one did not. */
public final class RtcException extends RuntimeException {
  private final boolean retryable;

  public RtcException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
