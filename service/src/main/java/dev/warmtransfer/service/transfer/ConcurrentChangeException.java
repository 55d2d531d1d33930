package dev.warmtransfer.service.transfer;

/** Another change to the same transfer was stored first; the caller reloads and applies again. */
public final class ConcurrentChangeException extends RuntimeException {
  public ConcurrentChangeException(String id) {
    super("transfer " + id + " changed concurrently", null, false, false);
  }
}
