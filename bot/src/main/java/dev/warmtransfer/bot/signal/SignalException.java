package dev.warmtransfer.bot.signal;

/** Signalling with LiveKit failed. {@link #retryable()} says whether trying again can help. */
public final class SignalException extends RuntimeException {
  /** Why: a token LiveKit refused is final; an unreachable or slow server may come back. */
  public enum Kind {
    UNAUTHORIZED(false),
    FORBIDDEN(false),
    UNREACHABLE(true),
    TIMEOUT(true),
    CLOSED(true),
    PROTOCOL(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }
  }

  private final Kind kind;

  public SignalException(Kind kind, String message, Throwable cause) {
    super(kind + ": " + message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public boolean retryable() {
    return kind.retryable;
  }
}
