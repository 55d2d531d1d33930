package dev.warmtransfer.service.livekit;

/** LiveKit did not answer, or answered with a server error. A retry later can help. */
public final class LiveKitUnavailableException extends RuntimeException {
  public LiveKitUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public boolean retryable() {
    return true;
  }
}
