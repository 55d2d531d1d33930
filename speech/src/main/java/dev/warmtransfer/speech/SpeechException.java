package dev.warmtransfer.speech;

/** A speech or language engine failed. {@link #retryable()} says whether trying again can help. */
public class SpeechException extends RuntimeException {
  private final boolean retryable;

  public SpeechException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public SpeechException(String message, boolean retryable) {
    this(message, retryable, null);
  }

  public boolean retryable() {
    return retryable;
  }
}
